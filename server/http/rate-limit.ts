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
 * Who the limits count this request against. Until accounts exist that is the client's address; signed-in
 * callers will be `user:<id>` or `key:<id>`, with their address still limited too (server/limits/rate-limits.ts).
 */
export function callerOf(headers: Headers): Caller {
  const ip = clientIp(headers, getBaseServices().config.trustProxy);
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
