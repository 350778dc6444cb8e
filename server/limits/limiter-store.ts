import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '@/server/logger';

interface CounterOptions {
  /** Keeps one counter's keys apart from another's. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** Makes counters (rate-limiter-flexible limiters) that all live in one place. */
export type CounterFactory = (options: CounterOptions) => RateLimiterAbstract;

/**
 * Counters in this process's memory, or in Redis when REDIS_URL is set, so that a limit holds across every
 * instance behind a load balancer. A Redis outage must not stop every request: each instance then counts in its
 * own memory (the insurance limiter) until Redis answers again.
 */
export function counterFactory(redisUrl: string | undefined, logger: Logger): CounterFactory {
  const inMemory = ({ name, points, durationSeconds }: CounterOptions) =>
    new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
  if (!redisUrl) return inMemory;
  const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 1_000 });
  client.on('error', (error) => logger.warn({ err: error }, 'redis unavailable: limits are counted per instance'));
  return (options) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `docent:limit:${options.name}`,
      points: options.points,
      duration: options.durationSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: inMemory(options),
    });
}
