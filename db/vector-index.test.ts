import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, openPostgresAt } from '@/test/support/databases';
import type { Database } from './client';
import { migrateDatabase } from './migrate';
import { DEFAULT_VAULT_ID } from './schema';
import { ensureVectorIndex, vectorIndexName, type VectorIndexSpec } from './vector-index';

const HNSW = { type: 'hnsw', m: 16, efConstruction: 64, efSearch: 40, precision: 'half' } as const;
const SPEC: VectorIndexSpec = { model: 'toy-64d', dimensions: 64, index: HNSW };

describe('the vector index build', () => {
  const open: Database[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
  });

  it('is not cut off by DB_STATEMENT_TIMEOUT, which is meant for requests', async () => {
    const url = await createPostgresDatabase();
    const setup = openPostgresAt(url);
    open.push(setup);
    await migrateDatabase(setup, SPEC);
    await setup.orm.execute(sql`
      WITH doc AS (INSERT INTO documents (title, content_hash, status) VALUES ('Many', 'h', 'ready') RETURNING id)
      INSERT INTO chunks (document_id, vault_id, ordinal, content, token_count, embedding, embedding_model)
      SELECT doc.id, ${DEFAULT_VAULT_ID}, n, 'chunk ' || n, 2,
             (SELECT array_agg(sin(n * 7 + d)::real) FROM generate_series(1, 64) d)::vector, 'toy-64d'
      FROM doc, generate_series(1, 4000) n`);

    // 20 ms: any ordinary slow statement is cancelled...
    const strict = openPostgresAt(url, {}, { DB_STATEMENT_TIMEOUT: '0.02' });
    open.push(strict);
    await expect(strict.rows(sql`SELECT pg_sleep(0.2)`)).rejects.toMatchObject({ cause: { code: '57014' } }); // query_canceled
    // ...but (re)building the index over 4,000 rows, which takes longer, is not.
    const rebuilt: VectorIndexSpec = { ...SPEC, index: { ...HNSW, m: 24 } };
    await ensureVectorIndex(strict, rebuilt);
    const names = await strict.rows<{ indexname: string }>(sql`SELECT indexname FROM pg_indexes WHERE tablename = 'chunks'`);
    expect(names.map((r) => r.indexname)).toContain(vectorIndexName(rebuilt));
    expect(names.map((r) => r.indexname)).not.toContain(vectorIndexName(SPEC));
  });
});
