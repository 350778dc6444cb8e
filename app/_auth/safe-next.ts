/**
 * Where to go after signing in: a path on this site only. `//evil.example` and `/\evil.example` are read by
 * browsers as other hosts, and anything not starting with one slash could be a full URL: all fall back to `/`,
 * as does the sign-in page itself (no loop).
 */
export function safeNextPath(raw: string | string[] | null | undefined): string {
  const next = Array.isArray(raw) ? raw[0] : raw;
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-in/')) return '/';
  return next;
}
