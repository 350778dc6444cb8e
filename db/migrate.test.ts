import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import journal from '@/drizzle/meta/_journal.json';
import {
  createPostgresDatabase,
  DRIVERS,
  openPostgresAt,
  openTestDatabase,
  type TestDatabase,
} from '@/test/support/databases';
import { migrateUpTo } from '@/test/support/migrations';
import { migrateDatabase } from './migrate';
import { DEFAULT_VAULT_ID } from './schema';
import { vectorIndexName, type VectorIndexSpec } from './vector-index';

const HNSW: VectorIndexSpec = {
  model: 'text-embedding-3-small',
  dimensions: 1536,
  index: { type: 'hnsw', m: 16, efConstruction: 64, efSearch: 40, precision: 'half' },
};

async function indexes(t: TestDatabase) {
  return t.db.rows<{ tablename: string; indexname: string; indexdef: string }>(
    sql`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
  );
}

describe.each(DRIVERS)('migrations on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('creates every table, the guide’s indexes, the GIN full-text index and the configured HNSW index', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, HNSW);

    const tables = await t.db.rows<{ tablename: string }>(
      sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((r) => r.tablename)).toEqual([
      'agents',
      'api_keys',
      'app_secrets',
      'auth_accounts',
      'auth_sessions',
      'auth_verifications',
      'chunk_embeddings',
      'chunks',
      'corpus_version',
      'documents',
      'embedding_cache',
      'embedding_state',
      'ingest_jobs',
      'maintenance_runs',
      'message_feedback',
      'messages',
      'metric_samples',
      'reembed_jobs',
      'search_corpus',
      'search_terms',
      'sessions',
      'users',
      'vault_members',
      'vaults',
      'web_fetches',
      'web_pages',
    ]);
    const triggers = await t.db.rows<{ tgname: string }>(
      sql`SELECT tgname FROM pg_trigger WHERE tgrelid = 'chunks'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.map((r) => r.tgname)).toEqual(['chunks_search_statistics_delete', 'chunks_search_statistics_insert']);

    const defs = Object.fromEntries((await indexes(t)).map((r) => [r.indexname, r.indexdef]));
    expect(defs.idx_sessions_last_active).toMatch(/ON public\.sessions USING btree \(last_active_at\)/);
    expect(defs.idx_sessions_user_client).toMatch(/UNIQUE INDEX .* \(user_id, client_id\)/);
    expect(defs.idx_messages_session_created).toMatch(/\(session_id, created_at DESC/);
    expect(defs.idx_messages_role).toMatch(/USING btree \(role\)/);
    expect(defs.idx_documents_created).toMatch(/\(created_at DESC/);
    expect(defs.idx_chunks_search_text).toMatch(/USING gin \(search_text\)/);

    const vectorIndex = defs[vectorIndexName(HNSW)];
    expect(vectorIndex).toMatch(/USING hnsw \(\(\(embedding\)::halfvec\(1536\)\) halfvec_cosine_ops\)/);
    expect(vectorIndex).toMatch(/WITH \(m='16', ef_construction='64'\)/);
    expect(vectorIndex).toMatch(/WHERE \(embedding_model = 'text-embedding-3-small'::text\)/);
  });

  it('counts the chunks a database already holds when it gains the BM25 statistics (migration 0004)', async () => {
    t = await openTestDatabase(driver);
    // The database as it was before migration 0004: chunks, no statistics.
    await migrateUpTo(t, '0003_operations');
    const [doc] = await t.db.rows<{ id: string }>(sql`INSERT INTO documents (title, content_hash) VALUES ('Old', 'h') RETURNING id`);
    for (const [ordinal, content] of ['Ferries leave at dawn.', 'Ferries return at dusk.'].entries()) {
      await t.db.orm.execute(
        sql`INSERT INTO chunks (document_id, vault_id, ordinal, content, token_count, embedding, embedding_model)
            VALUES (${doc!.id}, ${DEFAULT_VAULT_ID}, ${ordinal}, ${content}, 5, '[1,0]', 'old-model')`,
      );
    }
    await migrateDatabase(t.db, HNSW);
    expect(await t.db.rows(sql`SELECT chunks::int, tokens::int FROM search_corpus`)).toEqual([{ chunks: 2, tokens: 10 }]);
    expect(await t.db.rows(sql`SELECT term, chunks FROM search_terms ORDER BY term`)).toEqual([
      { term: 'dawn', chunks: 1 },
      { term: 'dusk', chunks: 1 },
      { term: 'ferri', chunks: 2 },
      { term: 'leav', chunks: 1 },
      { term: 'return', chunks: 1 },
    ]);
  });

  it('is idempotent: a second start applies nothing and keeps the data', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, HNSW);
    await t.db.orm.execute(sql`INSERT INTO sessions (id, client_id) VALUES ('test', 'test')`);
    await migrateDatabase(t.db, HNSW);
    expect(await t.db.rows(sql`SELECT id FROM sessions`)).toEqual([{ id: 'test' }]);
    const applied = await t.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(applied[0]?.n).toBeGreaterThan(0);
  });

  it('rebuilds the vector index when its settings change and keeps other models’ indexes and rows', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, HNSW);
    const offline: VectorIndexSpec = { model: 'docent-hash-v1', dimensions: 768, index: HNSW.index };
    await migrateDatabase(t.db, offline);
    const tuned: VectorIndexSpec = { ...HNSW, index: { type: 'hnsw', m: 24, efConstruction: 128, efSearch: 80, precision: 'half' } };
    await migrateDatabase(t.db, tuned);
    const full: VectorIndexSpec = { ...HNSW, index: { ...tuned.index, precision: 'full' } };
    await migrateDatabase(t.db, full);

    const defs = Object.fromEntries((await indexes(t)).map((r) => [r.indexname, r.indexdef]));
    const names = Object.keys(defs);
    expect(defs[vectorIndexName(full)]).toMatch(/USING hnsw \(\(\(embedding\)::vector\(1536\)\) vector_cosine_ops\) WITH \(m='24'/);
    expect(names).not.toContain(vectorIndexName(tuned));
    expect(names).toContain(vectorIndexName(offline));
    expect(names).not.toContain(vectorIndexName(HNSW));
  });

  it('indexes models above 2,000 dimensions as halfvec even at full precision, and supports IVFFlat', async () => {
    t = await openTestDatabase(driver);
    const large: VectorIndexSpec = { model: 'text-embedding-3-large', dimensions: 3072, index: { ...HNSW.index, precision: 'full' } };
    const ivf: VectorIndexSpec = { model: 'nomic-embed-text', dimensions: 768, index: { type: 'ivfflat', lists: 10, probes: 3, precision: 'full' } };
    await migrateDatabase(t.db, large);
    await migrateDatabase(t.db, ivf);
    const defs = Object.fromEntries((await indexes(t)).map((r) => [r.indexname, r.indexdef]));
    expect(defs[vectorIndexName(large)]).toMatch(/USING hnsw \(\(\(embedding\)::halfvec\(3072\)\) halfvec_cosine_ops\)/);
    expect(defs[vectorIndexName(ivf)]).toMatch(/USING ivfflat \(\(\(embedding\)::vector\(768\)\) vector_cosine_ops\) WITH \(lists='10'\)/);
  });

  it('enforces the schema: message roles, cascading deletes', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, HNSW);
    await t.db.orm.execute(sql`INSERT INTO sessions (id, client_id) VALUES ('s1', 's1')`);
    await expect(
      t.db.orm.execute(sql`INSERT INTO messages (session_id, role, content) VALUES ('s1', 'robot', 'hi')`),
    ).rejects.toThrow();
    await t.db.orm.execute(sql`INSERT INTO messages (session_id, role, content) VALUES ('s1', 'user', 'hi')`);
    await t.db.orm.execute(sql`DELETE FROM sessions WHERE id = 's1'`);
    expect(await t.db.rows(sql`SELECT id FROM messages`)).toEqual([]);
  });
});

describe('migrations on postgres with several instances starting at once', () => {
  it('serialise on the advisory lock and apply each migration once', async () => {
    const url = await createPostgresDatabase();
    const instances = [1, 2, 3].map(() => openPostgresAt(url));
    try {
      await Promise.all(instances.map((db) => migrateDatabase(db, HNSW)));
      const applied = await instances[0]!.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(applied[0]?.n).toBe(journal.entries.length);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
    }
  });
});
