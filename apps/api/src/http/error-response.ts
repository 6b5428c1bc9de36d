import { HttpException } from '@nestjs/common';
import { AppError, ErrorBody, isTransientDatabaseError } from '@phonetrust/platform';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  retryAfterSeconds?: number;
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  431: 'request_header_fields_too_large',
  503: 'service_unavailable',
};

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  name?: string;
}

/**
 * Maps anything thrown while serving a request to the SPEC §2 error body. Pure: the filter only sends it.
 * Unknown errors become a bare 500 — their message may hold internals and is logged, never returned.
 */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { statusCode: error.status, code: error.code, message: error.message, requestId, ...error.details },
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    const details = status === 503 && typeof response === 'object' ? { details: response } : {};
    return { status, body: { statusCode: status, code: codeFor(status), message, requestId, ...details } };
  }
  const fastifyError = error as FastifyLikeError;
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    return { status, body: { statusCode: status, code: fastifyCode(fastifyError), message: fastifyMessage(fastifyError), requestId } };
  }
  if (isTransientDatabaseError(error)) {
    return {
      status: 503,
      body: { statusCode: 503, code: 'service_unavailable', message: 'the database is unavailable; retry shortly', requestId },
      retryAfterSeconds: 1,
    };
  }
  return {
    status: 500,
    body: { statusCode: 500, code: 'internal_error', message: 'internal error; the request id identifies it in the logs', requestId },
  };
}

function codeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

function fastifyCode(error: FastifyLikeError): string {
  if (error.statusCode === 400 && (error.name === 'SyntaxError' || error.code?.startsWith('FST_ERR_CTP'))) return 'invalid_json';
  return codeFor(error.statusCode!);
}

function fastifyMessage(error: FastifyLikeError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body is larger than 64 KiB';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'request body must be application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'request body is empty but Content-Type is application/json';
    default:
      if (error.name === 'SyntaxError') return error.message?.startsWith('request body') ? error.message : 'request body is not valid JSON';
      return error.message ?? 'bad request';
  }
}
