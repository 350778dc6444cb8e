import { getConfig, type Config } from '@/server/config';
import { openDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { vectorSearchSettings } from '@/db/queries/chunk-search';
import type { VectorIndexSpec } from '@/db/vector-index';
import { createCacheStore } from './cache/create-store';
import type { CacheStore } from './cache/store';
import { AppError } from './errors';
import { createLogger, type Logger } from './logger';
import { createQueryObserver } from './metrics/db-observer';
import { createProviders, type Providers } from './providers/registry';

/** Everything a request needs that lives for the whole process. */
export interface Services {
  config: Config;
  logger: Logger;
  providers: Providers;
  /** Response and session caches: in memory, or Redis when REDIS_URL is set. */
  cache: CacheStore;
  db: Database;
  startedAt: Date;
}

export type BaseServices = Omit<Services, 'db'>;

interface ServiceState {
  base: BaseServices;
  ready?: Promise<Services>;
}

// On globalThis: Next.js may load this module once per route bundle, and PGlite must be opened once per process.
const STATE_KEY = Symbol.for('docent.services');
const globalState = globalThis as unknown as { [STATE_KEY]?: ServiceState };

export function vectorIndexSpec(config: Config, providers: Providers): VectorIndexSpec {
  return { model: providers.embedding.model, dimensions: providers.embedding.dimensions, index: config.vectorIndex };
}

function state(): ServiceState {
  if (!globalState[STATE_KEY]) {
    const config = getConfig();
    const logger = createLogger(config.logLevel);
    globalState[STATE_KEY] = {
      base: {
        config,
        logger,
        providers: createProviders(config),
        cache: createCacheStore(config.redisUrl, logger),
        startedAt: new Date(),
      },
    };
  }
  return globalState[STATE_KEY];
}

/** Config, logger and providers: available even while the database is down. */
export function getBaseServices(): BaseServices {
  return state().base;
}

async function connect(base: BaseServices): Promise<Services> {
  const { config, logger } = base;
  const db = await openDatabase(
    config.database,
    createQueryObserver(config.database.driver, logger, config.admin.slowQueryMs),
    vectorSearchSettings(config.vectorIndex),
  );
  try {
    await migrateDatabase(db, vectorIndexSpec(base.config, base.providers));
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  base.logger.info({ driver: db.driver, chat: base.providers.chat, embedding: base.providers.embedding }, 'database ready');
  return { ...base, db };
}

/**
 * The process's services with a migrated database. A failed start (database unreachable) is not cached:
 * the next caller tries again, so the app recovers by itself once the database is back.
 */
export function getServices(): Promise<Services> {
  const current = state();
  current.ready ??= connect(current.base).catch((error: unknown) => {
    current.ready = undefined;
    current.base.logger.error({ err: error }, 'database unavailable');
    throw new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable', null, { cause: error });
  });
  return current.ready;
}
