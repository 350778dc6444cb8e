/**
 * What went wrong, in words a person understands, and what to do about it. Every error the pages show goes
 * through here (the tRPC client rewrites its errors with it: app/_trpc/plain-errors-link.ts), so nobody reads
 * "internal", "Missing result", "INTERNAL_SERVER_ERROR", "Failed to fetch" or a stack trace.
 */

export const PLAIN_ERRORS = {
  unreachable: 'Docent’s server can’t be reached. Check your connection; this page tries again on its own.',
  garbled: 'Docent’s server sent an answer this page couldn’t read; it may be restarting. Try again in a moment.',
  server: 'Something went wrong on Docent’s server. Try again; if it keeps happening, the server’s log has the details.',
  signedOut: 'You have been signed out. Reload the page to sign in again.',
  forbidden: 'You don’t have access to this.',
  notFound: 'This no longer exists; it may have been deleted.',
  tooMany: 'Too many requests in a short time. Wait a minute and try again.',
  busy: 'Docent is busy or starting up. Try again in a moment.',
  timeout: 'Docent took too long to answer. Try again.',
} as const;

/** Messages written for programs, not people: from tRPC, fetch, JSON parsing, or an unhandled exception. */
const JARGON = [
  /^internal(?: server error)?\.?$/i,
  /INTERNAL_SERVER_ERROR/,
  /^Missing result/i,
  /^Unable to transform response/i,
  /^Unexpected (?:token|end of JSON)/i,
  /is not valid JSON/i,
  /^(?:Failed to fetch|fetch failed|Load failed|NetworkError)/i,
  /^\w*(?:Error|Exception):/,
  /\n\s+at .+\(/,
  /^<!doctype|^<html/i,
  /^\s*[[{]/,
];

const NETWORK = /^(?:Failed to fetch|fetch failed|Load failed|NetworkError|network error)/i;
const GARBLED = /^(?:Missing result|Unable to transform response|Unexpected (?:token|end of JSON))|is not valid JSON|^<!doctype|^<html/i;

interface ErrorShape {
  message?: unknown;
  data?: { code?: unknown; httpStatus?: unknown; appCode?: unknown } | null;
  cause?: unknown;
}

/** Whether a message is fit for a person as it stands. */
function isPlain(message: string): boolean {
  const text = message.trim();
  return text.length > 0 && text.length <= 400 && !JARGON.some((pattern) => pattern.test(text));
}

/** One sentence or two for any thrown value: a plain server message as it is, anything else translated. */
export function plainErrorMessage(error: unknown): string {
  const shape: ErrorShape = error && typeof error === 'object' ? (error as ErrorShape) : { message: error };
  const message = typeof shape.message === 'string' ? shape.message.trim() : '';
  const code = typeof shape.data?.code === 'string' ? shape.data.code : null;
  const status = typeof shape.data?.httpStatus === 'number' ? shape.data.httpStatus : null;

  if (NETWORK.test(message) || (error instanceof TypeError && !code)) return PLAIN_ERRORS.unreachable;
  if (GARBLED.test(message)) return PLAIN_ERRORS.garbled;
  if (code === 'UNAUTHORIZED' || status === 401) return PLAIN_ERRORS.signedOut;
  const fallback =
    code === 'FORBIDDEN' || status === 403
      ? PLAIN_ERRORS.forbidden
      : code === 'NOT_FOUND' || status === 404
        ? PLAIN_ERRORS.notFound
        : code === 'TOO_MANY_REQUESTS' || status === 429
          ? PLAIN_ERRORS.tooMany
          : code === 'SERVICE_UNAVAILABLE' || code === 'BAD_GATEWAY' || status === 502 || status === 503
            ? PLAIN_ERRORS.busy
            : code === 'TIMEOUT' || status === 408 || status === 504
              ? PLAIN_ERRORS.timeout
              : PLAIN_ERRORS.server;
  // A 500 that is not one of Docent's own errors (appCode) was unexpected: its message was written for the log.
  const ownError = typeof shape.data?.appCode === 'string';
  if (!ownError && (code === 'INTERNAL_SERVER_ERROR' || (status != null && status >= 500 && status !== 502 && status !== 503))) {
    return PLAIN_ERRORS.server;
  }
  return isPlain(message) ? message : fallback;
}

/** Whether trying the same thing again may help (a server or connection problem), as opposed to bad input or access. */
export function isRetryable(error: unknown): boolean {
  const shape: ErrorShape = error && typeof error === 'object' ? (error as ErrorShape) : {};
  const status = typeof shape.data?.httpStatus === 'number' ? shape.data.httpStatus : null;
  return status == null || status >= 500 || status === 408 || status === 429;
}
