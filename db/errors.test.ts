import { describe, expect, it } from 'vitest';
import { isDatabaseConnectionError } from './errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseConnectionError', () => {
  it('knows the driver’s, the server’s and PgBouncer’s ways of saying the database cannot be reached', () => {
    for (const code of ['ECONNREFUSED', 'CONNECTION_CLOSED', '57P01', '08006', '08P01']) {
      expect(isDatabaseConnectionError(withCode(code))).toBe(true);
    }
    // drizzle wraps the driver's error
    const wrapped = new Error('Failed query: SELECT 1', { cause: withCode('08P01', 'server login has been failing, try again later (server_login_retry)') });
    expect(isDatabaseConnectionError(wrapped)).toBe(true);
  });

  it('leaves a bad query a bad query', () => {
    expect(isDatabaseConnectionError(withCode('42601', 'syntax error'))).toBe(false);
    expect(isDatabaseConnectionError(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseConnectionError(new Error('no code'))).toBe(false);
  });
});
