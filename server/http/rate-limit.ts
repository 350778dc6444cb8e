import type { Caller as Asker } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { rateLimits } from '@/server/limits/limits';
import type { Caller, LimitKind } from '@/server/limits/rate-limits';
import { getBaseServices } from '@/server/services';
import { clientIp } from './client-ip';

const WHAT: Record<LimitKind, string> = {
  chat: 'questions',
  ingest: 'documents added',
  upload: 'uploads',
};

function per(windowSeconds: number): string {
  return windowSeconds === 60 ? 'a minute' : windowSeconds === 3600 ? 'an hour' : `every ${windowSeconds} seconds`;
}

/**
 * Who the limits count this request against: an API key by itself (`key:<id>`), a signed-in person (`user:<id>`),
 * anyone else (the anonymous original API, which all such clients share) by address; the address is limited
 * too, whoever it is (server/limits/rate-limits.ts).
 */
export function limitedAs(headers: Headers, asker: Asker | null): Caller {
  const ip = clientIp(headers, getBaseServices().config.trustProxy);
  if (asker?.kind === 'user' && asker.via === 'api-key' && asker.keyId) return { principal: `key:${asker.keyId}`, ip };
  if (asker?.kind === 'user' && asker.via === 'session') return { principal: `user:${asker.userId}`, ip };
  return { principal: `ip:${ip}`, ip };
}

/** Takes one `kind` request from the caller's allowance: 429 with Retry-After and a sentence a person understands. */
export async function enforceRateLimit(kind: LimitKind, caller: Caller): Promise<void> {
  const verdict = await rateLimits().consume(kind, caller);
  if (verdict.allowed) return;
  const { limit, windowSeconds, retryAfterSeconds } = verdict;
  throw new AppError(
    'RATE_LIMITED',
    `Too many ${WHAT[kind]} in a short time: the limit is ${limit} ${per(windowSeconds)}. Try again in ${retryAfterSeconds} s.`,
    { limit, window_seconds: windowSeconds, retry_after_seconds: retryAfterSeconds },
    { headers: { 'retry-after': String(retryAfterSeconds) } },
  );
}
