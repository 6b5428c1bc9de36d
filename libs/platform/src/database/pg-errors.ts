/** PostgreSQL SQLSTATE codes the services branch on. */
export const PG_UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== PG_UNIQUE_VIOLATION) return false;
  return constraint === undefined || (e.driverError?.constraint ?? e.constraint) === constraint;
}

const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57'];
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'Connection refused',
  'Client has encountered a connection error',
];

/**
 * The database is unreachable, restarting, overloaded or too slow — not a bug and not the client's fault:
 * answered 503 with Retry-After so clients retry, instead of a 500.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; name?: unknown; driverError?: { code?: unknown; message?: unknown } };
  if (!e || typeof e !== 'object') return false;
  // TypeORM releases a transaction's connection when the server drops it; the transaction's next statement or
  // its COMMIT then fails with one of these instead of a connection error (seen restarting PostgreSQL under
  // load). Nothing was committed: the client's retry (with its Idempotency-Key) is the right answer.
  if (e.name === 'QueryRunnerProviderAlreadyReleasedError' || e.name === 'QueryRunnerAlreadyReleasedError') return true;
  const code = String(e.driverError?.code ?? e.code ?? '');
  if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  const message = String(e.driverError?.message ?? e.message ?? '');
  return TRANSIENT_MESSAGES.some((fragment) => message.includes(fragment));
}
