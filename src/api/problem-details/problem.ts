/** RFC 9457 problem details, the body of every error answer. */
export interface FieldError {
  /** JSON path of the bad field as the client sent it: `source.url`, `translations[0].currency`. */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable machine-readable code for rule violations (`FIGURE_ALREADY_REPORTED`). */
  code?: string;
  errors?: FieldError[];
  instance?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleFor = (status: number) => TITLES[status] ?? 'Error';

/** `FIGURE_ALREADY_REPORTED` → `urn:kpi-ledger:problem:figure-already-reported`. */
export const problemType = (code: string) => `urn:kpi-ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return { type: problemType(code), title: titleFor(status), status, detail, code, ...(errors ? { errors } : {}) };
}

/** Thrown by the API layer for errors that are not domain rules (validation, headers, idempotency). */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}

export const validationProblem = (errors: FieldError[]) =>
  new ProblemException(
    problem(
      400,
      'VALIDATION_FAILED',
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].message}`
        : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}`,
      errors,
    ),
  );
