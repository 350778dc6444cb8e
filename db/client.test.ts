import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, DRIVERS, openPostgresAt, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import type { Database } from './client';
import { migrateDatabase } from './migrate';
import type { QueryObserver } from './observe';
import { nearestChunks, vectorSearchSettings } from './queries/chunk-search';
import type { VectorIndexSpec } from './vector-index';

const HNSW = { type: 'hnsw', m: 8, efConstruction: 16, efSearch: 61, precision: 'half' } as const;
const SPEC: VectorIndexSpec = { model: 'toy-3d', dimensions: 3, index: HNSW };

/** Every SQL text the database sends, in order. */
function recorder(): { observer: QueryObserver; statements: string[] } {
  const statements: string[] = [];
  return { statements, observer: { started: () => {}, finished: ({ sql: text }) => statements.push(text) } };
}

describe.each(DRIVERS)('database sessions on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('start every connection with the session settings', async () => {
    t = await openTestDatabase(driver, { sessionSettings: vectorSearchSettings(SPEC.index) });
    await migrateDatabase(t.db, SPEC);
    // Enough at once that the pool opens several connections.
    const seen = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.db.rows<{ ef: string; scan: string; workers: string }>(
          sql`SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan,
                     current_setting('max_parallel_workers_per_gather') AS workers, pg_sleep(0.05)::text`,
        ),
      ),
    );
    expect(new Set(seen.map(([row]) => `${row!.ef} ${row!.scan} ${row!.workers}`))).toEqual(new Set(['61 relaxed_order 0']));
  });

  it('run a vector search as one statement when the connections already have its settings', async () => {
    const { observer, statements } = recorder();
    t = await openTestDatabase(driver, { observer, sessionSettings: vectorSearchSettings(SPEC.index) });
    await migrateDatabase(t.db, SPEC);
    statements.length = 0;
    await nearestChunks(t.db, SPEC, [0, 1, 0], 2);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toContain('set_config');

    // A search that needs other settings sets them for itself first.
    statements.length = 0;
    await nearestChunks(t.db, { ...SPEC, index: { ...HNSW, efSearch: 90 } }, [0, 1, 0], 2);
    expect(statements.filter((s) => s.includes('set_config'))).toHaveLength(1);
    const [after] = await t.db.rows<{ ef: string }>(sql`SELECT current_setting('hnsw.ef_search') AS ef`);
    expect(after!.ef).toBe('61');
  });
});

describe('PostgreSQL statements', () => {
  let db: Database | undefined;
  afterEach(async () => db?.close());

  const preparedOnOneConnection = (database: Database) =>
    database.withConnection(async (orm) => {
      for (let i = 0; i < 2; i++) await database.rows(sql`SELECT ${i}::int + 1 AS n`, orm);
      return database.rows<{ statement: string }>(sql`SELECT statement FROM pg_prepared_statements`, orm);
    });

  it('are prepared once per connection when they have parameters', async () => {
    db = openPostgresAt(await createPostgresDatabase());
    const prepared = await preparedOnOneConnection(db);
    expect(prepared.map((p) => p.statement)).toContain('SELECT $1::int + 1 AS n');
  });

  it('are not prepared with DB_PREPARE=false (PgBouncer in transaction mode)', async () => {
    db = openPostgresAt(await createPostgresDatabase(), {}, { DB_PREPARE: 'false' });
    const prepared = await preparedOnOneConnection(db);
    expect(prepared.map((p) => p.statement)).not.toContain('SELECT $1::int + 1 AS n');
  });
});
