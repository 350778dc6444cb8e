import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { runMaintenance, MAINTENANCE_TASK_NAMES } from '@/server/admin/maintenance';
import { parseConfig } from '@/server/config';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec } from '@/server/services';
import { vectorIndexName } from '@/db/vector-index';
import { createPostgresDatabase, DRIVERS, openPostgresAt } from '@/test/support/databases';
import { createTestServices } from '@/test/support/services';

const ROOT = path.resolve(import.meta.dirname, '../..');

function runScript(env: Record<string, string>, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/maintenance.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

async function seedSessions(db: Database) {
  await db.orm.execute(sql`INSERT INTO sessions (id, client_id, last_active_at) VALUES
    ('old-1', 'old-1', now() - interval '120 days'), ('old-2', 'old-2', now() - interval '91 days'),
    ('recent', 'recent', now() - interval '10 days'), ('today', 'today', now())`);
  await db.orm.execute(sql`INSERT INTO messages (session_id, role, content) VALUES
    ('old-1', 'user', 'a'), ('old-1', 'assistant', 'b'), ('old-2', 'user', 'c'), ('recent', 'user', 'd'), ('today', 'user', 'e')`);
}

describe('maintenance run from two processes at once', () => {
  let db: Database;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { DATABASE_URL: await createPostgresDatabase() };
    const config = parseConfig(env);
    db = openPostgresAt(env.DATABASE_URL!);
    await migrateDatabase(db, vectorIndexSpec(config, createProviders(config)));
    await seedSessions(db);
  });
  afterAll(() => db?.close());

  it('runs once, and deletes only the sessions past the retention, with their messages', { timeout: 60_000 }, async () => {
    const both = await Promise.all([1, 2].map(() => runScript(env, ['--task', 'prune-sessions', '--if-due'])));
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    const outputs = both.map((r) => r.output).join('\n');
    expect(outputs.match(/prune-sessions: succeeded/g)).toHaveLength(1);
    expect(outputs.match(/prune-sessions: skipped/g)).toHaveLength(1);
    expect(outputs).toContain('Deleted 2 sessions inactive for over 90 days, with their 3 messages.');

    const runs = await db.rows<{ status: string }>(sql`SELECT status FROM maintenance_runs WHERE task = 'prune-sessions' AND status <> 'skipped'`);
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    expect((await db.rows<{ id: string }>(sql`SELECT id FROM sessions ORDER BY id`)).map((r) => r.id)).toEqual(['recent', 'today']);
    expect((await db.rows<{ content: string }>(sql`SELECT content FROM messages ORDER BY content`)).map((r) => r.content)).toEqual(['d', 'e']);
  });
});

describe.each(DRIVERS)('every maintenance task on %s', (driver) => {
  it('runs and records its outcome', { timeout: 60_000 }, async () => {
    const { services, cleanup } = await createTestServices(driver);
    try {
      await seedSessions(services.db);
      for (const task of MAINTENANCE_TASK_NAMES) {
        const run = await runMaintenance(services, task);
        expect(run, task).toMatchObject({ task, status: 'succeeded' });
      }
      const recorded = await services.db.rows<{ task: string }>(sql`SELECT DISTINCT task FROM maintenance_runs WHERE status = 'succeeded'`);
      expect(recorded).toHaveLength(MAINTENANCE_TASK_NAMES.length);
    } finally {
      await cleanup();
    }
  });

  it('rebuilds every index but the vector index, whose rebuild costs minutes on a large table', { timeout: 60_000 }, async () => {
    const { services, cleanup } = await createTestServices(driver);
    try {
      const files = () =>
        services.db.rows<{ name: string; file: string }>(
          sql`SELECT indexname AS name, pg_relation_filenode(indexname::regclass)::text AS file FROM pg_indexes WHERE tablename = 'chunks'`,
        );
      const before = new Map((await files()).map((r) => [r.name, r.file]));
      const vectorIndex = vectorIndexName(vectorIndexSpec(services.config, services.providers));
      expect(before.has(vectorIndex)).toBe(true);
      expect(await runMaintenance(services, 'reindex')).toMatchObject({ status: 'succeeded' });
      const after = new Map((await files()).map((r) => [r.name, r.file]));
      for (const [name, file] of before) expect(after.get(name) === file, name).toBe(name === vectorIndex);
    } finally {
      await cleanup();
    }
  });
});
