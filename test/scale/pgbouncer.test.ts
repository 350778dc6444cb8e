import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { vectorSearchSettings, withVectorSearchSettings } from '@/db/queries/chunk-search';
import migrations from '@/drizzle/meta/_journal.json';
import { prepareChat } from '@/server/chat/run-chat';
import { createCacheStore } from '@/server/cache/create-store';
import { parseConfig, type Config } from '@/server/config';
import { createLogger } from '@/server/logger';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec, type Services } from '@/server/services';
import { createPostgresDatabase, openPostgresAt } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { startPgBouncer, type PgBouncer } from '@/test/support/pgbouncer';
import { createTestOwner } from '@/test/support/users';

/**
 * The app behind a real PgBouncer in transaction mode with two server connections, so that one client's
 * consecutive transactions land on different backends: what breaks prepared statements, settings sent at connect
 * and session-level advisory locks. DB_POOL_MODE=transaction is the setting that makes it work.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAMP = 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88 when the indicator blinks.';
const GARDEN = 'Tomatoes need six hours of sun a day and water at the roots, never on the leaves.';

function runMaintenanceScript(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/maintenance.ts', '--task', 'prune-sessions', '--if-due'], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('behind PgBouncer in transaction mode', () => {
  let bouncer: PgBouncer;
  let directUrl: string;
  let env: Record<string, string>;
  let config: Config;
  let direct: Database;
  const open = () => openDatabase(config.database, undefined, vectorSearchSettings(config.vectorIndex));
  const advisoryLocksHeld = async () =>
    (await direct.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`))[0]?.n;

  beforeAll(async () => {
    directUrl = await createPostgresDatabase();
    bouncer = await startPgBouncer(Number(new URL(directUrl).port), 2);
    env = { DATABASE_URL: bouncer.url(directUrl), DB_POOL_MODE: 'transaction', DATABASE_DIRECT_URL: directUrl };
    config = parseConfig(env);
    direct = openPostgresAt(directUrl);
  });
  afterAll(async () => {
    await direct?.close();
    await bouncer?.stop();
  });

  it('is refused by PgBouncer when connections carry their settings, as they do by default', async () => {
    const defaults = openPostgresAt(bouncer.url(directUrl), { sessionSettings: vectorSearchSettings(config.vectorIndex) });
    try {
      const refused = await defaults.rows(sql`SELECT 1`).then(
        () => null,
        (error: Error) => String(error.cause ?? error),
      );
      expect(refused).toMatch(/unsupported startup parameter/);
    } finally {
      await defaults.close();
    }
  });

  it('migrates from three instances at once, each migration once, and leaves no lock held', async () => {
    const instances = await Promise.all([1, 2, 3].map(open));
    const providers = createProviders(config);
    try {
      await Promise.all(instances.map((db) => migrateDatabase(db, vectorIndexSpec(config, providers))));
      const applied = await direct.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(applied[0]?.n).toBe(migrations.entries.length);
      expect(await advisoryLocksHeld()).toBe(0);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
    }
  });

  it('ingests through COPY and the queue, answers with citations, and runs every search with its settings', async () => {
    const db = await open();
    const logger = createLogger('silent');
    const cache = createCacheStore(undefined, logger);
    const services: Services = { config, providers: createProviders(config), db, logger, cache, startedAt: new Date() };
    try {
      await migrateDatabase(db, vectorIndexSpec(config, services.providers));
      const owner = await createTestOwner(db);
      await ingestAndWait(services, owner, [
        { text: LAMP, title: 'Lamp manual' },
        { text: GARDEN, title: 'Garden notes' },
      ]);
      const chunks = await direct.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM chunks`);
      expect(chunks[0]?.n).toBeGreaterThanOrEqual(2);

      // Twenty questions at once over two server connections: each search's settings hold for that search.
      const settings = await Promise.all(
        Array.from({ length: 20 }, () =>
          withVectorSearchSettings(db, config.vectorIndex, async (orm) => {
            const [row] = await db.rows<{ ef: string; iterative: string }>(
              sql`SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS iterative`,
              orm,
            );
            return row;
          }),
        ),
      );
      expect(new Set(settings.map((s) => `${s?.ef}/${s?.iterative}`))).toEqual(new Set([`${config.vectorIndex.type === 'hnsw' ? config.vectorIndex.efSearch : ''}/relaxed_order`]));

      const answers = await Promise.all(
        ['How long does the lamp run?', 'When do tomatoes need water?', 'Which part replaces the lamp?'].map(async (question, i) => {
          const prepared = await prepareChat(services, owner, { sessionId: `bouncer-${i}`, question }, new AbortController().signal);
          const answer = prepared.answer();
          let next = await answer.next();
          while (!next.done) next = await answer.next();
          return { sources: prepared.sources.map((s) => s.title), status: next.value.status };
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(['complete', 'complete', 'complete']);
      expect(answers[0]?.sources[0]).toBe('Lamp manual');
      expect(answers[1]?.sources[0]).toBe('Garden notes');
      const stored = await direct.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages`);
      expect(stored[0]?.n).toBe(6);
      expect(await advisoryLocksHeld()).toBe(0);
    } finally {
      await cache.close();
      await db.close();
    }
  });

  it('runs a maintenance task once when two processes ask at once, and leaves no lock held', { timeout: 60_000 }, async () => {
    const both = await Promise.all([1, 2].map(() => runMaintenanceScript(env)));
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    const outputs = both.map((r) => r.output).join('\n');
    expect(outputs.match(/prune-sessions: succeeded/g)).toHaveLength(1);
    expect(outputs.match(/prune-sessions: skipped/g)).toHaveLength(1);
    expect(await advisoryLocksHeld()).toBe(0);
  });
});
