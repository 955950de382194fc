import { type FieldError, ProblemException, validationProblem } from '../../api/problem-details/problem.js';
import { CompanyId, MetricId, PeriodParam, TargetId } from '../../api/validation/path-params.js';
import {
  type AnyWriteCommand,
  type PathParam,
  WRITE_COMMAND_TYPES,
  type WriteCommandType,
  requestHashOf,
  routeOf,
  validateJsonBody,
  writeCommandOf,
} from '../../api/write-commands.js';
import { MAX_BODY_DEPTH, exceedsDepth } from '../../api/validation/body-depth.js';

/**
 * One line of an import file: `{ "type": …, <path parameters>, <HTTP body fields> }`. A line is
 * checked exactly as the equivalent HTTP request would be: the same path-parameter pipes, the
 * same DTO class through the same validation pipe, the same problem codes.
 */
export interface ImportLine {
  type: WriteCommandType;
  entry: AnyWriteCommand;
  /** The path parameters the entry takes (all present once validated), normalised by the API's pipes. */
  params: Readonly<Record<PathParam, string>>;
  /** The validated, transformed request DTO. */
  dto: object;
  /** The concrete route (`POST /companies/acme/metrics`): the scope of the line's Idempotency-Key. */
  route: string;
  /** SHA-256 of the canonical body as written, as the API hashes a request body. */
  requestHash: string;
}

export interface LineRejection {
  code: string;
  detail: string;
  errors?: FieldError[];
}

export type LineVerdict = { ok: true; line: ImportLine } | { ok: false; rejection: LineRejection };

const PARAM_PIPES: Record<PathParam, { transform(value: string): string }> = {
  companyId: CompanyId,
  metricId: MetricId,
  targetId: TargetId,
  period: new PeriodParam(),
};

/**
 * The HTTP app's body limit (BODY_LIMIT_BYTES in app.ts, equal by a unit spec). Not imported from
 * there: app.ts loads Fastify, a second of start-up every CLI run would pay for one number.
 */
export const LINE_LIMIT_BYTES = 64 * 1024;

export function rejection(code: string, detail: string, errors?: FieldError[]): LineVerdict {
  return { ok: false, rejection: { code, detail, ...(errors ? { errors } : {}) } };
}

/** Parses and validates one line of text; never throws for bad input. */
export async function parseImportLine(text: string): Promise<LineVerdict> {
  // Same limit as an HTTP body, so a file the API would refuse line by line is refused here too.
  if (Buffer.byteLength(text, 'utf8') > LINE_LIMIT_BYTES) {
    return rejection('BODY_TOO_LARGE', `the line is longer than ${LINE_LIMIT_BYTES} bytes`);
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return rejection('MALFORMED_JSON', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (exceedsDepth(record, MAX_BODY_DEPTH))
    return rejection('BODY_TOO_DEEP', `nests deeper than ${MAX_BODY_DEPTH} levels`);
  return validateImportRecord(record);
}

/** Validates an already parsed line (the demo's lines are objects): a JSON value, as parsed from text. */
export async function validateImportRecord(record: unknown): Promise<LineVerdict> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return rejection('MALFORMED_LINE', 'a line must be a JSON object with a "type"');
  }
  const { type, ...rest } = record as Record<string, unknown>;
  if (type === undefined) {
    return rejection('UNKNOWN_TYPE', `the line has no "type": use one of ${WRITE_COMMAND_TYPES.join(', ')}`);
  }
  const entry = typeof type === 'string' ? writeCommandOf(type) : undefined;
  if (entry === undefined) {
    const guess = typeof type === 'string' ? closestType(type) : undefined;
    return rejection(
      'UNKNOWN_TYPE',
      guess !== undefined
        ? `${JSON.stringify(type)} is not a command type: did you mean ${guess}?`
        : `${JSON.stringify(type)} is not a command type: use one of ${WRITE_COMMAND_TYPES.join(', ')}`,
    );
  }

  const params: Partial<Record<PathParam, string>> = {};
  const body: Record<string, unknown> = { ...rest };
  const missing: FieldError[] = [];
  for (const name of entry.params) {
    const value = body[name];
    delete body[name];
    if (typeof value !== 'string') {
      missing.push({
        field: name,
        message: value === undefined ? `is required (path parameter of ${entry.route})` : 'must be a string',
      });
      continue;
    }
    // The API's own pipes: a malformed id is the 404 the route would answer, a bad period the 400.
    try {
      params[name] = PARAM_PIPES[name].transform(value);
    } catch (error) {
      if (error instanceof ProblemException) return { ok: false, rejection: rejectionOf(error) };
      throw error;
    }
  }
  if (missing.length > 0) return { ok: false, rejection: rejectionOf(validationProblem(missing)) };

  let dto: object;
  try {
    dto = await validateJsonBody(entry.dto, body);
  } catch (error) {
    if (error instanceof ProblemException) return { ok: false, rejection: rejectionOf(error) };
    throw error;
  }
  return {
    ok: true,
    line: {
      type: type as WriteCommandType,
      entry,
      params: params as Record<PathParam, string>,
      dto,
      route: routeOf(entry, params),
      requestHash: requestHashOf(body),
    },
  };
}

function rejectionOf(error: ProblemException): LineRejection {
  const { code, detail, errors } = error.problem;
  return { code: code ?? `HTTP_${error.problem.status}`, detail, ...(errors ? { errors } : {}) };
}

/**
 * `VALIDATION_FAILED: value: must be a decimal; source.url: must be an http(s) URL`: every bad
 * field by name, where the problem detail would only count them.
 */
export function describeRejection({ code, detail, errors }: LineRejection): string {
  const what = errors && errors.length > 0 ? errors.map((e) => `${e.field}: ${e.message}`).join('; ') : detail;
  return `${code}: ${what}`;
}

/** The command type a typo most likely meant (case or up to two edits away), if any. */
function closestType(type: string): WriteCommandType | undefined {
  let best: { type: WriteCommandType; distance: number } | undefined;
  for (const candidate of WRITE_COMMAND_TYPES) {
    const distance = candidate.toLowerCase() === type.toLowerCase() ? 0 : editDistance(candidate, type);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { type: candidate, distance };
  }
  return best?.type;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
