/**
 * Whether an error means the database cannot serve right now — unreachable, restarting, too slow,
 * or a lock not granted in time — rather than a fault of the request or of our code. Such a
 * request is answered 503 `database_unavailable` with Retry-After, never 500.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping or was killed
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
  '40P01', // deadlock_detected: the other transaction went through; this one may be retried
]);

const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// What node-postgres and its pool say when the connection, not the statement, failed.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /^Query read timeout$/i,
  /Client has encountered a connection error and is not queryable/i,
  /^Connection ended unexpectedly$/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /^terminating connection/i,
];

// TypeORM releases a transaction's connection as soon as the connection fails; the transaction's
// next statement (or its COMMIT, which then never reaches the server) meets one of these instead
// of the connection error itself.
const RELEASED_BY_CONNECTION_ERROR = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, driverError, cause, name } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    name?: unknown;
  };
  if (typeof name === 'string' && RELEASED_BY_CONNECTION_ERROR.has(name)) return true;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code) || code.startsWith('08')))
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

/** Seconds a client should wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
