/**
 * A failure the user can act on (bad configuration, unreadable file, broken chain): printed as one
 * line on stderr, no stack trace, and the process exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
/** Some import lines were rejected; the good ones were kept. */
export const EXIT_REJECTED = 2;
