import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateDatabase } from '../migrate';
import { DEFAULT_VAULT_ID } from '../schema';
import type { VectorIndexSpec } from '../vector-index';
import { nearestChunks } from './chunk-search';
import { hybridSearch } from './hybrid-search';

const DIMS = 8;
const SPEC: VectorIndexSpec = { model: 'toy-8d', dimensions: DIMS, index: { type: 'hnsw', m: 8, efConstruction: 32, efSearch: 40, precision: 'half' } };
const QUERY = [1, 0, 0, 0, 0, 0, 0, 0];

/** A unit vector at `angle` radians from the query direction: larger angles rank lower. */
const towards = (angle: number) => [Math.cos(angle), Math.sin(angle), 0, 0, 0, 0, 0, 0];

async function insertChunk(t: TestDatabase, documentId: string, vaultId: string, ordinal: number, content: string, embedding: number[]) {
  await t.db.orm.execute(
    sql`INSERT INTO chunks (document_id, vault_id, ordinal, content, token_count, embedding, embedding_model)
        VALUES (${documentId}, ${vaultId}, ${ordinal}, ${content}, 10, ${`[${embedding.join(',')}]`}, ${SPEC.model})`,
  );
}

const OWNER = 'owner-of-everything';

async function seed(t: TestDatabase) {
  await migrateDatabase(t.db, SPEC);
  await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${OWNER}, 'Owner', 'owner@docent.test')`);
  const [vault] = await t.db.rows<{ id: string }>(sql`INSERT INTO vaults (name, owner_id) VALUES ('Other', ${OWNER}) RETURNING id`);
  const [doc] = await t.db.rows<{ id: string }>(
    sql`INSERT INTO documents (title, content_hash, status) VALUES ('Catalogue', 'h', 'ready') RETURNING id`,
  );
  const [other] = await t.db.rows<{ id: string }>(
    sql`INSERT INTO documents (title, content_hash, status, vault_id) VALUES ('Elsewhere', 'h2', 'ready', ${vault!.id}) RETURNING id`,
  );
  // Thirty passages close to the question's embedding, none naming the product code.
  for (let i = 0; i < 30; i++) {
    await insertChunk(t, doc!.id, DEFAULT_VAULT_ID, i, `General warranty terms, section ${i}: returns and repairs.`, towards(0.01 * i));
  }
  // The one passage that names the code, far from the question in embedding space.
  await insertChunk(t, doc!.id, DEFAULT_VAULT_ID, 30, 'Model ZX-9931 carries a five year warranty on the compressor.', towards(1.5));
  await insertChunk(t, other!.id, vault!.id, 0, 'ZX-9931 spare parts are stocked in the Other vault.', towards(0));
  return { vaultId: vault!.id };
}

describe.each(DRIVERS)('hybrid retrieval on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('finds a passage naming an exact product code that the embeddings alone rank low', async () => {
    t = await openTestDatabase(driver);
    await seed(t);
    const vectorOnly = await nearestChunks(t.db, SPEC, QUERY, 5);
    expect(vectorOnly.some((c) => c.content.includes('Model ZX-9931'))).toBe(false);

    const hybrid = await hybridSearch(t.db, { spec: SPEC, embedding: QUERY, text: 'What warranty does the ZX-9931 have?', k: 5, userId: OWNER });
    expect(hybrid).toHaveLength(5);
    const code = hybrid.find((c) => c.content.includes('Model ZX-9931'));
    expect(code).toBeDefined();
    expect(code!.title).toBe('Catalogue');
    expect(code!.score).toBeCloseTo(Math.cos(1.5), 3);
    // Results come best first by fused rank.
    expect(hybrid.map((c) => c.fusedScore)).toEqual([...hybrid.map((c) => c.fusedScore)].sort((a, b) => b - a));
  });

  it('scopes retrieval to a vault', async () => {
    t = await openTestDatabase(driver);
    const { vaultId } = await seed(t);
    const scoped = await hybridSearch(t.db, { spec: SPEC, embedding: QUERY, text: 'ZX-9931 spare parts', k: 5, userId: OWNER, vaultId });
    expect(scoped.map((c) => c.title)).toEqual(['Elsewhere']);
    const everywhere = await hybridSearch(t.db, { spec: SPEC, embedding: QUERY, text: 'ZX-9931 spare parts', k: 5, userId: OWNER });
    expect(everywhere.map((c) => c.title)).toContain('Elsewhere');
    expect(everywhere.map((c) => c.title)).toContain('Catalogue');
  });

  it('matches any of several identifiers in one question', async () => {
    t = await openTestDatabase(driver);
    await seed(t);
    const results = await hybridSearch(t.db, { spec: SPEC, embedding: QUERY, text: 'Compare the ZX-9931 with the QQ-1 and "five year" terms', k: 5, userId: OWNER });
    expect(results.some((c) => c.content.includes('Model ZX-9931'))).toBe(true);
  });

  it('copes with questions that have no searchable words', async () => {
    t = await openTestDatabase(driver);
    await seed(t);
    const results = await hybridSearch(t.db, { spec: SPEC, embedding: QUERY, text: '?? the of !!', k: 3, userId: OWNER });
    expect(results).toHaveLength(3);
  });
});
