/**
 * Whether an error means "cannot reach the database" (as opposed to a bad query): such errors become
 * 503 DATABASE_CONNECTION_ERROR for clients instead of a 500.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // protocol_violation: what PgBouncer answers with for its own failures ("server login has been failing",
  // "server conn crashed?", "no more connections allowed"), all of which mean the database cannot be reached.
  '08P01',
]);

/** Whether the error, or one it wraps (drizzle wraps driver errors), carries one of `codes`. */
function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
  }
  return false;
}

export function isDatabaseConnectionError(error: unknown): boolean {
  return hasCode(error, CONNECTION_CODES);
}

const UNIQUE_VIOLATION = new Set(['23505']);

export function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, UNIQUE_VIOLATION);
}
