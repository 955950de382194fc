/**
 * A broken business rule. `code` is stable (clients branch on it); `category` maps onto an HTTP
 * status in the API layer without the domain knowing about HTTP.
 */
export type ErrorCategory = 'validation' | 'not_found' | 'conflict' | 'precondition';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    /** JSON path of the offending field as the client sent it, when one field is to blame. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (code: string, message: string, field?: string) =>
  new DomainError(code, 'validation', message, field);
export const notFound = (code: string, message: string) => new DomainError(code, 'not_found', message);
export const conflict = (code: string, message: string, field?: string) =>
  new DomainError(code, 'conflict', message, field);
