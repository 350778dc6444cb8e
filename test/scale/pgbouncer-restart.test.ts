import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { getDocument } from '@/db/queries/documents';
import type { UserCaller } from '@/server/auth/caller';
import { parseConfig, type Config } from '@/server/config';
import { ingestText } from '@/server/documents/documents';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec } from '@/server/services';
import { startPgBouncer, type PgBouncer } from '@/test/support/pgbouncer';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '@/test/support/postgres-cluster';
import { waitFor } from '@/test/support/services';
import { createTestOwner } from '@/test/support/users';

/**
 * PostgreSQL restarting behind PgBouncer while a separate ingestion worker runs: found by the fault drill
 * (`npm run drill`), where the worker process died on the restart and every later document stayed queued. The
 * worker must outlive the outage and take the next document when the database is back.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('a PostgreSQL restart behind PgBouncer', () => {
  let primary: PostgresCluster;
  let bouncer: PgBouncer;
  let config: Config;
  let env: Record<string, string>;
  let worker: ChildProcess;
  let workerOutput = '';
  let db: Database | null = null;
  let owner: UserCaller;

  const open = () => openDatabase(config.database);
  const ready = (id: string) => async () => ((await getDocument(db!, owner.userId, id))?.status === 'ready' ? true : undefined);

  beforeAll(async () => {
    primary = await startPostgresCluster();
    const direct = await createDatabase(primary.url());
    bouncer = await startPgBouncer(primary.port, 2);
    env = { DATABASE_URL: bouncer.url(direct), DB_POOL_MODE: 'transaction', DATABASE_DIRECT_URL: direct };
    config = parseConfig(env);
    db = await open();
    await migrateDatabase(db, vectorIndexSpec(config, createProviders(config)));
    owner = await createTestOwner(db);
    worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest-worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (d) => (workerOutput += d));
    worker.stderr?.on('data', (d) => (workerOutput += d));
  }, 60_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await db?.close();
    await bouncer?.stop();
    await primary?.destroy();
  });

  it('keeps the worker alive through the outage, which then takes the next document', { timeout: 90_000 }, async () => {
    const before = await ingestText({ db: db!, config }, owner, { text: 'The harbour opens at six.', title: 'Before' });
    await waitFor(ready(before.documentId), 30_000, 'the first document');
    // This process stays off the database during the outage; only the worker lives through it.
    await db!.close();
    db = null;

    await primary.stop();
    await new Promise((r) => setTimeout(r, 3_000));
    await primary.start();
    // PgBouncer tries the server again after server_login_retry (1 s here).
    await new Promise((r) => setTimeout(r, 2_000));

    db = await open();
    const after = await ingestText({ db, config }, owner, { text: 'The harbour closes at nine.', title: 'After' });
    await waitFor(ready(after.documentId), 45_000, `the worker to take the next document (worker output: ${workerOutput.slice(-500)})`);
    expect(worker.exitCode).toBeNull();
  });
});
