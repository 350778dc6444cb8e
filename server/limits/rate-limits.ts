import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '@/server/config';
import type { CounterFactory } from './limiter-store';

/** What a request costs from its caller's allowance. */
export type LimitKind = 'chat' | 'ingest' | 'upload';

/**
 * Who is asking. `principal` is what the limit is kept for: `ip:<address>` until callers sign in, then
 * `user:<id>` or `key:<id>`. The address's own, larger limit applies too, so one machine cannot multiply its
 * allowance with many accounts or keys.
 */
export interface Caller {
  principal: string;
  ip: string;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number; windowSeconds: number };

interface KindLimiters {
  perPrincipal: RateLimiterAbstract;
  perAddress: RateLimiterAbstract;
  /** Per principal; the address may make `ipFactor` times as many. */
  limit: number;
}

/** The limits of one instance (or of all, sharing Redis): one allowance per caller and kind, one per address. */
export class RateLimits {
  private readonly kinds = new Map<LimitKind, KindLimiters>();

  constructor(
    private readonly settings: Config['limits'],
    counters: CounterFactory,
  ) {
    for (const kind of ['chat', 'ingest', 'upload'] as const) {
      const limit = settings[kind];
      if (limit === 0) continue;
      const durationSeconds = settings.windowSeconds;
      this.kinds.set(kind, {
        perPrincipal: counters({ name: `${kind}:principal`, points: limit, durationSeconds }),
        perAddress: counters({ name: `${kind}:address`, points: limit * settings.ipFactor, durationSeconds }),
        limit,
      });
    }
  }

  /** Takes one request from the caller's allowance; when there is none left, says how long until there is. */
  async consume(kind: LimitKind, caller: Caller): Promise<LimitVerdict> {
    const limiters = this.kinds.get(kind);
    if (!limiters) return { allowed: true };
    const principal = await this.take(limiters.perPrincipal, caller.principal, limiters.limit);
    // While the principal is the address itself, one count is enough.
    if (!principal.allowed || caller.principal === `ip:${caller.ip}`) return principal;
    return this.take(limiters.perAddress, caller.ip, limiters.limit * this.settings.ipFactor);
  }

  private async take(limiter: RateLimiterAbstract, key: string, limit: number): Promise<LimitVerdict> {
    try {
      await limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      // Anything else is a store failure past the insurance limiter: better to serve than to refuse everyone.
      if (!(rejection instanceof RateLimiterRes)) return { allowed: true };
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      return { allowed: false, retryAfterSeconds, limit, windowSeconds: this.settings.windowSeconds };
    }
  }
}
