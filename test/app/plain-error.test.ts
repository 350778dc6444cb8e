import { describe, expect, it } from 'vitest';
import { isRetryable, PLAIN_ERRORS, plainErrorMessage } from '@/app/_components/plain-error';

/** A TRPCClientError's shape as the pages see it. */
const trpcError = (message: string, code: string, httpStatus: number, appCode: string | null = null) =>
  Object.assign(new Error(message), { data: { code, httpStatus, appCode } });

describe('errors in plain words', () => {
  it('never passes on jargon: "internal", "Missing result", network failures, JSON or stacks', () => {
    expect(plainErrorMessage(trpcError('internal', 'INTERNAL_SERVER_ERROR', 500))).toBe(PLAIN_ERRORS.server);
    expect(plainErrorMessage(new Error('Missing result'))).toBe(PLAIN_ERRORS.garbled);
    expect(plainErrorMessage(new TypeError('Failed to fetch'))).toBe(PLAIN_ERRORS.unreachable);
    expect(plainErrorMessage(new Error('Unexpected token < in JSON at position 0'))).toBe(PLAIN_ERRORS.garbled);
    expect(plainErrorMessage(trpcError('TypeError: x is undefined\n    at run (server.js:1:1)', 'BAD_REQUEST', 400))).not.toMatch(/TypeError|at run/);
    expect(plainErrorMessage(trpcError('relation "documents" does not exist', 'INTERNAL_SERVER_ERROR', 500))).toBe(PLAIN_ERRORS.server);
  });

  it('keeps what Docent wrote for people: bad input, access, its own server errors', () => {
    expect(plainErrorMessage(trpcError('The title is required.', 'BAD_REQUEST', 400))).toBe('The title is required.');
    expect(plainErrorMessage(trpcError('This needs an administrator.', 'FORBIDDEN', 403))).toBe('This needs an administrator.');
    const ownServerError = trpcError('The database is not answering. Try again in a minute.', 'INTERNAL_SERVER_ERROR', 500, 'DATABASE_CONNECTION_ERROR');
    expect(plainErrorMessage(ownServerError)).toBe('The database is not answering. Try again in a minute.');
  });

  it('says what to do when the server gave no usable words', () => {
    expect(plainErrorMessage(trpcError('', 'UNAUTHORIZED', 401))).toBe(PLAIN_ERRORS.signedOut);
    expect(plainErrorMessage(trpcError('{"error":"x"}', 'TOO_MANY_REQUESTS', 429))).toBe(PLAIN_ERRORS.tooMany);
    expect(plainErrorMessage(trpcError('<html>Bad gateway</html>', 'BAD_GATEWAY', 502))).toBe(PLAIN_ERRORS.garbled);
    expect(plainErrorMessage(undefined)).toBe(PLAIN_ERRORS.server);
  });

  it('retries server and connection problems, not bad input, access or a sign-out', () => {
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(trpcError('internal', 'INTERNAL_SERVER_ERROR', 500))).toBe(true);
    expect(isRetryable(trpcError('slow down', 'TOO_MANY_REQUESTS', 429))).toBe(true);
    expect(isRetryable(trpcError('no', 'FORBIDDEN', 403))).toBe(false);
    expect(isRetryable(trpcError('who?', 'UNAUTHORIZED', 401))).toBe(false);
    expect(isRetryable(trpcError('bad', 'BAD_REQUEST', 400))).toBe(false);
  });
});
