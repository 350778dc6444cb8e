import { migrateDatabase } from '@/db/migrate';
import { parseConfig } from '@/server/config';
import { createCacheStore } from '@/server/cache/create-store';
import { createLogger } from '@/server/logger';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec, type Services } from '@/server/services';
import type { UserCaller } from '@/server/auth/caller';
import { openTestDatabase, type Driver } from './databases';
import { createTestOwner } from './users';

/** The app's services on a fresh, migrated test database, configured like the app from `env`, and its owner. */
export async function createTestServices(
  driver: Driver,
  env: Record<string, string> = {},
): Promise<{ services: Services; owner: UserCaller; cleanup: () => Promise<void> }> {
  const config = parseConfig(env);
  const providers = createProviders(config);
  const { db, cleanup } = await openTestDatabase(driver);
  await migrateDatabase(db, vectorIndexSpec(config, providers));
  const logger = createLogger('silent');
  const cache = createCacheStore(config.redisUrl, logger);
  const services: Services = { config, providers, db, logger, cache, startedAt: new Date() };
  const owner = await createTestOwner(db);
  return { services, owner, cleanup: async () => (await cache.close(), await cleanup()) };
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
