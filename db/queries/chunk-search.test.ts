import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import type { Orm } from '../client';
import { migrateDatabase } from '../migrate';
import { DEFAULT_VAULT_ID } from '../schema';
import { vectorIndexName, type VectorIndexSpec } from '../vector-index';
import { nearestChunks, withVectorSearchSettings } from './chunk-search';

const SPEC: VectorIndexSpec = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw', m: 8, efConstruction: 16, efSearch: 77, precision: 'half' } };

async function seed(t: TestDatabase) {
  await migrateDatabase(t.db, SPEC);
  const [doc] = await t.db.rows<{ id: string }>(
    sql`INSERT INTO documents (title, content_hash, status) VALUES ('Toy', 'h1', 'ready') RETURNING id`,
  );
  const vectors: Array<[string, number[], string]> = [
    ['north', [0, 1, 0], SPEC.model],
    ['east', [1, 0, 0], SPEC.model],
    ['north-east', [0.7, 0.7, 0], SPEC.model],
    // Same direction as the query but another model: must never be returned for this model.
    ['other model', [0, 1, 0], 'another-model'],
  ];
  for (const [i, [content, embedding, model]] of vectors.entries()) {
    await t.db.orm.execute(
      sql`INSERT INTO chunks (document_id, vault_id, ordinal, content, token_count, embedding, embedding_model)
          VALUES (${doc!.id}, ${DEFAULT_VAULT_ID}, ${i}, ${content}, 1, ${`[${embedding.join(',')}]`}, ${model})`,
    );
  }
}

describe.each(DRIVERS)('vector search on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('returns the nearest chunks of the model, best first, with cosine scores', async () => {
    t = await openTestDatabase(driver);
    await seed(t);
    const matches = await nearestChunks(t.db, SPEC, [0.1, 1, 0], 2);
    expect(matches.map((m) => m.content)).toEqual(['north', 'north-east']);
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
    expect(matches[0]!.score).toBeCloseTo(0.995, 2);
  });

  it('applies ef_search to the search transaction only', async () => {
    t = await openTestDatabase(driver);
    await seed(t);
    const inside = await withVectorSearchSettings(t.db, SPEC.index, (orm) =>
      t.db.rows<{ ef: string }>(sql`SELECT current_setting('hnsw.ef_search') AS ef`, orm),
    );
    expect(inside[0]!.ef).toBe('77');
    const after = await t.db.rows<{ ef: string }>(sql`SELECT current_setting('hnsw.ef_search', true) AS ef`);
    expect(after[0]!.ef).not.toBe('77');
  });

  it('answers the search through the model’s HNSW index', async () => {
    t = await openTestDatabase(driver);
    await seed(t);
    const plan = await t.db.orm.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return t.db.rows<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN SELECT id FROM chunks WHERE embedding_model = 'toy-3d'
            ORDER BY (embedding::halfvec(3)) <=> '[0,1,0]'::halfvec(3) LIMIT 2`,
        tx as unknown as Orm,
      );
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(vectorIndexName(SPEC));
  });
});
