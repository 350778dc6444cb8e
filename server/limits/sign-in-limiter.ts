import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CounterFactory } from './limiter-store';

/**
 * rate-limiter-flexible's "login brute force" pattern. Consecutive failures for one account from one address
 * first slow the next attempt down (1 s, 2 s, 4 s… after `slowAfter` failures), then lock that account for that
 * address; an address that fails too often across accounts is locked for the day. A success clears the account's
 * count, so a person who mistyped twice never notices any of this.
 */
export interface SignInPolicy {
  slowAfter: number;
  lockAfter: number;
  lockSeconds: number;
  maxDelaySeconds: number;
  failuresPerAddressPerDay: number;
}

const SIGN_IN_POLICY: SignInPolicy = {
  slowAfter: 3,
  lockAfter: 10,
  lockSeconds: 3600,
  maxDelaySeconds: 60,
  failuresPerAddressPerDay: 100,
};

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; locked: boolean };

const DAY_SECONDS = 24 * 3600;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class SignInLimiter {
  private readonly consecutive: RateLimiterAbstract;
  private readonly pause: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(
    counters: CounterFactory,
    private readonly policy: SignInPolicy = SIGN_IN_POLICY,
  ) {
    this.consecutive = counters({ name: 'sign-in:consecutive', points: policy.lockAfter, durationSeconds: policy.lockSeconds });
    // One point: a key is paused while `block` has pushed it past that point.
    this.pause = counters({ name: 'sign-in:pause', points: 1, durationSeconds: policy.maxDelaySeconds });
    this.perAddress = counters({ name: 'sign-in:address', points: policy.failuresPerAddressPerDay, durationSeconds: DAY_SECONDS });
  }

  /** Before checking the credentials: may this attempt go ahead, or how long must it wait? */
  async check(account: string, ip: string): Promise<SignInVerdict> {
    const key = keyOf(account, ip);
    const [address, failures, pause] = await Promise.all([this.perAddress.get(ip), this.consecutive.get(key), this.pause.get(key)]);
    if (address && address.consumedPoints >= this.policy.failuresPerAddressPerDay) {
      return { allowed: false, retryAfterSeconds: seconds(address.msBeforeNext), locked: true };
    }
    if (failures && failures.consumedPoints >= this.policy.lockAfter) {
      return { allowed: false, retryAfterSeconds: seconds(failures.msBeforeNext), locked: true };
    }
    if (pause && pause.consumedPoints > 1) return { allowed: false, retryAfterSeconds: seconds(pause.msBeforeNext), locked: false };
    return { allowed: true };
  }

  /** The credentials were wrong. */
  async failed(account: string, ip: string): Promise<void> {
    const key = keyOf(account, ip);
    const [failures] = await Promise.all([this.consecutive.penalty(key, 1), this.perAddress.penalty(ip, 1)]);
    const count = failures.consumedPoints;
    if (count >= this.policy.slowAfter && count < this.policy.lockAfter) {
      await this.pause.block(key, Math.min(2 ** (count - this.policy.slowAfter), this.policy.maxDelaySeconds));
    }
  }

  /** The credentials were right: the account starts afresh from this address. */
  async succeeded(account: string, ip: string): Promise<void> {
    const key = keyOf(account, ip);
    await Promise.all([this.consecutive.delete(key), this.pause.delete(key)]);
  }
}

function keyOf(account: string, ip: string): string {
  // An address never contains '|', so no account name can make two pairs collide.
  return `${ip}|${account}`;
}
