import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { createDatabase } from '@/test/support/postgres-cluster';
import { migrateDatabase } from '@/db/migrate';
import { vectorSearchSettings } from '@/db/queries/chunk-search';
import type { UserCaller } from '@/server/auth/caller';
import { createCacheStore } from '@/server/cache/create-store';
import { listConversations } from '@/server/chat/sessions';
import { parseConfig } from '@/server/config';
import { createLogger } from '@/server/logger';
import { metrics } from '@/server/metrics/registry';
import { refreshGauges } from '@/server/metrics/refresh-gauges';
import { createProviders } from '@/server/providers/registry';
import { noteWrite, readerFor } from '@/server/read-routing';
import { vectorIndexSpec, type Services } from '@/server/services';
import { openPostgresAt } from '@/test/support/databases';
import { startPostgresCluster, startStandbyOf, type PostgresCluster } from '@/test/support/postgres-cluster';
import { waitFor } from '@/test/support/services';
import { createTestOwner } from '@/test/support/users';

/**
 * Reads that tolerate lag on a real streaming replica (pg_basebackup -R of a private primary). Pausing the
 * standby's WAL replay makes it visibly stale: what a read sees then tells which server answered it.
 */

describe('read replicas', () => {
  let primary: PostgresCluster;
  let standby: PostgresCluster;
  let primaryUrl: string;
  let replicaUrl: string;
  let onReplica: Database;
  const opened: Array<{ services: Services; close(): Promise<void> }> = [];

  async function servicesWith(maxLagSeconds: number): Promise<Services> {
    const config = parseConfig({ DATABASE_URL: primaryUrl, DATABASE_READ_URL: replicaUrl, READ_MAX_LAG_SECONDS: String(maxLagSeconds) });
    const db = await openDatabase(config.database, undefined, vectorSearchSettings(config.vectorIndex));
    const providers = createProviders(config);
    await migrateDatabase(db, vectorIndexSpec(config, providers));
    const logger = createLogger('silent');
    const cache = createCacheStore(undefined, logger);
    const services: Services = { config, providers, db, logger, cache, startedAt: new Date() };
    opened.push({ services, close: async () => (await cache.close(), await db.close()) });
    return services;
  }
  const setReplay = (paused: boolean) => onReplica.rows(paused ? sql`SELECT pg_wal_replay_pause()` : sql`SELECT pg_wal_replay_resume()`);
  const addConversation = (db: Database, owner: UserCaller, id: string) =>
    db.rows(sql`INSERT INTO sessions (id, client_id, user_id, title) VALUES (${id}, ${id}, ${owner.userId}, ${id})`);
  const titles = async (services: Services, owner: UserCaller) => (await listConversations(services, owner)).map((s) => s.title);
  const onReplicaNow = (id: string) =>
    onReplica.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM sessions WHERE id = ${id}`).then((rows) => (rows[0]?.n ? true : undefined));

  beforeAll(async () => {
    primary = await startPostgresCluster();
    primaryUrl = await createDatabase(primary.url());
    standby = await startStandbyOf(primary);
    replicaUrl = primaryUrl.replace(`:${primary.port}/`, `:${standby.port}/`);
    onReplica = openPostgresAt(replicaUrl);
  }, 120_000);
  afterAll(async () => {
    for (const { close } of opened) await close();
    await onReplica?.close();
    await standby?.destroy();
    await primary?.destroy();
  });

  it('sends lag-tolerant reads to the replica, and a person’s own to the primary right after they wrote', { timeout: 60_000 }, async () => {
    const services = await servicesWith(60);
    const owner = await createTestOwner(services.db);
    await addConversation(services.db, owner, 'before-pause');
    await waitFor(() => onReplicaNow('before-pause'), 20_000, 'the replica to replay');
    await services.db.replicas!.refresh();
    expect(await titles(services, owner)).toEqual(['before-pause']);

    await setReplay(true);
    try {
      await addConversation(services.db, owner, 'while-paused');
      await services.db.replicas!.refresh();
      expect(services.db.replicas!.status()).toEqual([expect.objectContaining({ label: 'replica-1', usable: true })]);
      // Nobody marked a write: the replica answered, and it has not replayed the new conversation yet.
      expect(await titles(services, owner)).toEqual(['before-pause']);
      // The same person right after a change of theirs: the primary answers.
      await noteWrite(services, owner.userId);
      expect((await titles(services, owner)).sort()).toEqual(['before-pause', 'while-paused']);
      expect(await readerFor(services, owner.userId)).toBe(services.db);
      expect(await readerFor(services)).not.toBe(services.db);
    } finally {
      await setReplay(false);
    }
    await waitFor(() => onReplicaNow('while-paused'), 20_000, 'the replica to catch up');
  });

  it('leaves out a replica lagging past READ_MAX_LAG_SECONDS, then one that is down, and reports both', { timeout: 60_000 }, async () => {
    const services = await servicesWith(1);
    const owner = await createTestOwner(services.db);
    const replicaLag = async () => (await metrics().dbReplicaLag.get()).values.find((v) => v.labels.replica === 'replica-1')?.value;
    const replicaUsable = async () => (await metrics().dbReplicaUsable.get()).values.find((v) => v.labels.replica === 'replica-1')?.value;

    await setReplay(true);
    try {
      await addConversation(services.db, owner, 'lagging');
      await new Promise((r) => setTimeout(r, 2_500));
      await services.db.replicas!.refresh();
      const [status] = services.db.replicas!.status();
      expect(status?.usable).toBe(false);
      expect(status?.lagSeconds).toBeGreaterThan(1);
      // Too far behind: even a reader with no write of their own reads the primary, and sees the new row.
      expect(await readerFor(services)).toBe(services.db);
      expect(await titles(services, owner)).toEqual(['lagging']);
      await refreshGauges(services);
      expect(await replicaLag()).toBeGreaterThan(1);
      expect(await replicaUsable()).toBe(0);
    } finally {
      await setReplay(false);
    }
    await waitFor(async () => (await services.db.replicas!.refresh(), services.db.replicas!.status()[0]?.usable ? true : undefined), 20_000, 'the replica to be usable');
    expect(await readerFor(services)).not.toBe(services.db);

    await standby.stop();
    try {
      await services.db.replicas!.refresh();
      expect(services.db.replicas!.status()).toEqual([{ label: 'replica-1', lagSeconds: null, usable: false }]);
      expect(await titles(services, owner)).toEqual(['lagging']);
      await refreshGauges(services);
      expect(await replicaLag()).toBe(-1);
    } finally {
      await standby.start();
    }
    await waitFor(async () => (await services.db.replicas!.refresh(), services.db.replicas!.status()[0]?.usable ? true : undefined), 30_000, 'the replica to come back');
  });
});
