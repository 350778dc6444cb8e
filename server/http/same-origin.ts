import { AppError } from '@/server/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refused(): AppError {
  return new AppError(
    'FORBIDDEN',
    'This request came from another website and was refused: Docent accepts changes only from its own pages or from API clients.',
  );
}

/** The host the client addressed: the Host header, or the one a trusted proxy says the client used. */
function requestedHost(headers: Headers, trustProxy: number): string | null {
  const forwarded = trustProxy > 0 ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return (forwarded || headers.get('host'))?.toLowerCase() ?? null;
}

/**
 * Refuses a state-changing request that a browser sent on behalf of another site (a cross-site form, fetch or
 * image): browsers say where a request comes from in Sec-Fetch-Site, and older ones in Origin. Requests with
 * neither come from API clients (curl, scripts), which no other site can drive, and pass.
 */
export function assertSameOrigin(method: string, headers: Headers, trustProxy: number): void {
  if (SAFE_METHODS.has(method)) return;
  const site = headers.get('sec-fetch-site');
  if (site) {
    // `none`: the user's own action (address bar, bookmark), never another site's.
    if (site === 'same-origin' || site === 'none') return;
    throw refused();
  }
  const origin = headers.get('origin');
  if (origin === null) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    // `null` (sandboxed frames, privacy-sensitive contexts) or garbage: not ours.
  }
  if (host === null || host !== requestedHost(headers, trustProxy)) throw refused();
}
