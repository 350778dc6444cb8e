import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/test/support/databases';
import type { Orm } from './client';
import { copyChunks, copyClientOf, type CopyChunkRow } from './copy-chunks';
import { migrateDatabase } from './migrate';
import { DEFAULT_VAULT_ID } from './schema';
import type { VectorIndexSpec } from './vector-index';

const SPEC: VectorIndexSpec = { model: 'toy-4d', dimensions: 4, index: { type: 'hnsw', m: 8, efConstruction: 16, efSearch: 40, precision: 'half' } };

async function newDocument(t: TestDatabase): Promise<string> {
  const [doc] = await t.db.rows<{ id: string }>(
    sql`INSERT INTO documents (title, content_hash, status) VALUES ('Copy', md5(random()::text), 'ready') RETURNING id`,
  );
  return doc!.id;
}

function rows(documentId: string, count: number, from = 0): CopyChunkRow[] {
  return Array.from({ length: count }, (_, i) => ({
    documentId,
    vaultId: DEFAULT_VAULT_ID,
    ordinal: from + i,
    content: `Chunk ${from + i}: naïve café ☕ — ${'x'.repeat(i % 7)}`,
    tokenCount: 5 + i,
    embedding: [0.25, -0.5, 0.125 * i, 1e-3],
    embeddingModel: SPEC.model,
    // Every other row has its place in the text and its pages; the rest leave them NULL.
    ...(i % 2 === 1 ? { charStart: 100 * i, charEnd: 100 * i + 90, pageStart: i, pageEnd: i + 1 } : {}),
  }));
}

describe('binary COPY of chunks (PostgreSQL)', () => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('writes every field exactly, and the generated full-text column, inside a transaction', async () => {
    t = await openTestDatabase('postgres');
    await migrateDatabase(t.db, SPEC);
    const documentId = await newDocument(t);
    const written = await t.db.orm.transaction(async (tx) => copyChunks(copyClientOf(tx as unknown as Orm)!, rows(documentId, 1200)));
    expect(written).toBe(1200);
    const stored = await t.db.rows<Record<string, unknown>>(
      sql`SELECT ordinal, content, token_count, embedding::text AS embedding, embedding_model, search_text @@ to_tsquery('english', 'cafe | chunk') AS searchable,
                 char_start, char_end, page_start, page_end
          FROM chunks WHERE document_id = ${documentId} ORDER BY ordinal`,
    );
    expect(stored).toHaveLength(1200);
    expect(stored[3]).toEqual({
      ordinal: 3,
      content: 'Chunk 3: naïve café ☕ — xxx',
      token_count: 8,
      embedding: '[0.25,-0.5,0.375,0.001]',
      embedding_model: SPEC.model,
      searchable: true,
      char_start: 300,
      char_end: 390,
      page_start: 3,
      page_end: 4,
    });
    expect(stored[4]).toMatchObject({ ordinal: 4, char_start: null, char_end: null, page_start: null, page_end: null });
  });

  it('rejects (rather than hangs) when the server refuses a row, and the transaction keeps nothing', async () => {
    t = await openTestDatabase('postgres');
    await migrateDatabase(t.db, SPEC);
    const documentId = await newDocument(t);
    // The last row repeats an ordinal: the unique index fails only once the server has every row.
    const attempt = t.db.orm.transaction(async (tx) =>
      copyChunks(copyClientOf(tx as unknown as Orm)!, [...rows(documentId, 50), ...rows(documentId, 1, 49)]),
    );
    await expect(attempt).rejects.toThrow(/duplicate key|idx_chunks_document_ordinal/);
    const [count] = await t.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM chunks WHERE document_id = ${documentId}`);
    expect(count!.n).toBe(0);
    // The pool's connections are still usable afterwards.
    const [ok] = await t.db.rows<{ one: number }>(sql`SELECT 1 AS one`);
    expect(ok!.one).toBe(1);
  });

  it('is not offered on PGlite, whose callers fall back to INSERT', async () => {
    t = await openTestDatabase('pglite');
    await t.db.orm.transaction(async (tx) => {
      expect(copyClientOf(tx as unknown as Orm)).toBeUndefined();
    });
  });
});
