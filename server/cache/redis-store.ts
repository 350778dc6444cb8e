import { Redis } from 'ioredis';
import type { Logger } from '@/server/logger';
import type { CacheStore } from './store';

/**
 * Redis-backed cache shared by every instance. A cache must never take the app down with it: while Redis is
 * unreachable every read is a miss and every write is dropped (commands fail fast instead of queueing).
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  private readonly client: Redis;

  constructor(url: string, private readonly logger: Logger, private readonly prefix = 'docent:') {
    this.client = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    this.client.on('error', (error) => this.logger.warn({ err: error }, 'redis unavailable'));
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      const raw = await this.client.get(this.prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.client.set(this.prefix + key, JSON.stringify(value), 'EX', Math.max(1, Math.round(ttlSeconds)));
    } catch {
      // Dropped: the next request recomputes.
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.del(this.prefix + key);
    } catch {
      // The entry expires by itself.
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
