/** How a sign-in (or the owner's setup) failed: the HTTP status (0: no answer at all) and what the server said. */
export interface AuthFailure {
  status: number;
  code?: string;
  message?: string;
  /** The Retry-After header of a 429: seconds, or an HTTP date. */
  retryAfter?: string | null;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function secondsToWait(retryAfter: string | null | undefined, now: number): number | null {
  const value = retryAfter?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function whenToRetry(retryAfter: string | null | undefined, now: number): string {
  const seconds = secondsToWait(retryAfter, now);
  if (seconds === null) return 'Wait a few minutes, then try again.';
  if (seconds < 60) return `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} (at ${clock.format(now + seconds * 1000)}).`;
}

/** A sentence that says what happened and what to do about it. */
export function describeAuthFailure(failure: AuthFailure, now = Date.now()): string {
  const { status, code, message } = failure;
  if (status === 0) return 'Docent’s server can’t be reached. Check your connection, then try again.';
  if (status === 429) return `Too many sign-in attempts. ${whenToRetry(failure.retryAfter, now)}`;
  if (status === 401 || code === 'INVALID_EMAIL_OR_PASSWORD') return 'Wrong email or password.';
  if (code === 'BANNED_USER') return 'This account is disabled. Ask an administrator to enable it again.';
  // Self-hosters meet this one when the browser's address is not the PUBLIC_URL the server was given.
  if (code === 'INVALID_ORIGIN') {
    return 'Docent refused the request from this address. Open Docent at the address its administrator set as PUBLIC_URL.';
  }
  if (status >= 500) return 'Something went wrong on Docent’s server. Try again in a moment.';
  return message || `That didn’t work (HTTP ${status}).`;
}

/** What an `?error=` from the provider's round trip means for the person. */
export function describeSsoFailure(code: string, name: string): string {
  if (code === 'BANNED_USER') return describeAuthFailure({ status: 403, code });
  if (code === 'signup_disabled') {
    return `Your ${name} account has no Docent account yet. Ask an administrator to create one with the same email.`;
  }
  if (code === 'email_not_found') return `${name} did not share your email address, which Docent needs to know who you are.`;
  return `Signing in with ${name} didn’t work (${code}). Try again, or sign in with your email and password.`;
}
