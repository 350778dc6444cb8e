import type { Logger } from '@/server/logger';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { CacheStore } from './store';

export function createCacheStore(redisUrl: string | undefined, logger: Logger): CacheStore {
  return redisUrl ? new RedisStore(redisUrl, logger) : new MemoryStore();
}
