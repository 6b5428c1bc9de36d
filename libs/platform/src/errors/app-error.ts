/** Extra fields an error adds to the SPEC §2 body (e.g. `reason`, `scope`, `errors`). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The base of every domain error. Each module declares its codes with their HTTP status in one table,
 * so the mapping is exhaustive and written once; services never throw HTTP exceptions.
 */
export abstract class AppError<C extends string = string> extends Error {
  abstract readonly status: number;

  protected constructor(
    readonly code: C,
    message: string,
    readonly details: ErrorDetails = {},
    /** Seconds a client should wait before retrying; sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Defines an error class whose status comes from a code → status table. */
export function defineErrors<C extends string>(name: string, statuses: Readonly<Record<C, number>>) {
  const errorClass = class extends AppError<C> {
    readonly status: number;

    constructor(code: C, message: string, details: ErrorDetails = {}, retryAfterSeconds?: number) {
      super(code, message, details, retryAfterSeconds);
      this.status = statuses[code];
      this.name = name;
    }
  };
  Object.defineProperty(errorClass, 'name', { value: name });
  return errorClass;
}
