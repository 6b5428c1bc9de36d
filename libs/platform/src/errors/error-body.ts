export interface FieldError {
  field: string;
  message: string;
}

/** The body of every error response (SPEC §2). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}
