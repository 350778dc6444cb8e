import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database, type SessionSettings } from '@/db/client';
import type { QueryObserver } from '@/db/observe';
import { parseConfig } from '@/server/config';
import { copyPgliteTemplate } from './pglite-template';
import { createDatabase } from './postgres-cluster';

/** A fresh, empty database on the run's native cluster; returns its URL. */
export function createPostgresDatabase(): Promise<string> {
  return createDatabase(inject('postgresAdminUrl'));
}

export async function tempDir(prefix = 'docent-test-'): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface TestDatabase {
  db: Database;
  cleanup(): Promise<void>;
}

/** The two drivers the app supports, for `describe.each`: every DB test runs on both. */
export const DRIVERS = ['pglite', 'postgres'] as const;
export type Driver = (typeof DRIVERS)[number];

/** How the app opens its database, for the tests that need its observer or session settings. */
export interface OpenOptions {
  observer?: QueryObserver;
  sessionSettings?: SessionSettings;
  /** PGlite only: the data directory to start as a copy of, instead of the run's empty cluster. */
  pgliteTemplate?: string;
}

export async function openTestDatabase(driver: Driver, options: OpenOptions = {}): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const dir = await tempDir('docent-pglite-');
    await copyPgliteTemplate(options.pgliteTemplate ?? inject('pgliteTemplate'), dir.path);
    const db = await openPglite(dir.path, options.observer, options.sessionSettings);
    return { db, cleanup: async () => (await db.close(), await dir.remove()) };
  }
  const db = openPostgresAt(await createPostgresDatabase(), options);
  return { db, cleanup: () => db.close() };
}

/** A Database on `url` with the app's default pool settings (DB_* variables as `env` gives them). */
export function openPostgresAt(url: string, options: OpenOptions = {}, env: Record<string, string> = {}): Database {
  const config = parseConfig({ ...env, DATABASE_URL: url });
  if (config.database.driver !== 'postgres') throw new Error('expected a postgres configuration');
  return openPostgres(config.database, options.observer, options.sessionSettings);
}
