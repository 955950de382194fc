import { readQuery, type View } from '../routing.js';
import { readApiKey } from './api-key.js';
import type { FieldError, Problem, WriteResult } from './types.js';

/** An answer other than 2xx, with its problem details when the server sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** 401/403: the server wants an API key, or a key with more rights. */
  get isAuthProblem(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = readApiKey();
  return { accept: 'application/json', ...(key === '' ? {} : { authorization: `Bearer ${key}` }), ...extra };
}

function authMessage(status: number): string {
  return status === 401
    ? 'This server needs an API key: enter yours in the "API key" field at the top of the page.'
    : 'Your API key is not allowed to do this: use a key with the needed rights.';
}

async function failure(response: Response): Promise<ApiError> {
  const problem = await response.json().then(
    (body) => body as Problem,
    () => null,
  );
  if (response.status === 401 || response.status === 403) {
    return new ApiError(response.status, problem, authMessage(response.status));
  }
  const message = problem?.detail ?? `${response.status} ${response.statusText}`;
  return new ApiError(response.status, problem, message);
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(
      0,
      null,
      `The server cannot be reached (${error instanceof Error ? error.message : 'network error'})`,
    );
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** A read, as the ledger stood for the view (`asOf`, `recordedAsOf`). */
export function apiRead<T>(path: string, view: View = {}, signal?: AbortSignal): Promise<T> {
  return send<T>(`${path}${readQuery(view)}`, { headers: headers(), signal });
}

/** A write. The idempotency key makes a double submit record the fact once. */
export function apiWrite(path: string, body: unknown, idempotencyKey: string): Promise<WriteResult> {
  return send<WriteResult>(path, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey }),
    body: JSON.stringify(body),
  });
}
