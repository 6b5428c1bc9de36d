/** A mistake of the caller (bad flag, unreadable file, unknown id): one line on stderr and exit code 2, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
