import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateDatabase } from '../migrate';
import { DEFAULT_VAULT_ID } from '../schema';
import type { VectorIndexSpec } from '../vector-index';
import { hybridSearch, type Fusion } from './hybrid-search';

const SPEC: VectorIndexSpec = { model: 'toy-2d', dimensions: 2, index: { type: 'hnsw', m: 8, efConstruction: 32, efSearch: 40, precision: 'half' } };
// The BM25 list alone: the vectors play no part.
const TEXT_ONLY: Fusion = { vector: 0, text: 1, identifiers: 0, rrfK: 60 };
const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

// Owns every vault here; the default vault is open to everyone anyway.
const READER = 'reader';

async function seed(t: TestDatabase, passages: Array<{ title: string; content: string; tokens?: number; vaultId?: string }>) {
  await migrateDatabase(t.db, SPEC);
  await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${READER}, 'Reader', 'reader@docent.test') ON CONFLICT DO NOTHING`);
  for (const [i, p] of passages.entries()) {
    const vaultId = p.vaultId ?? DEFAULT_VAULT_ID;
    const [doc] = await t.db.rows<{ id: string }>(
      sql`INSERT INTO documents (title, content_hash, status, vault_id) VALUES (${p.title}, ${`h${i}`}, 'ready', ${vaultId}) RETURNING id`,
    );
    await t.db.orm.execute(
      sql`INSERT INTO chunks (document_id, vault_id, ordinal, content, token_count, embedding, embedding_model)
          VALUES (${doc!.id}, ${vaultId}, 0, ${p.content}, ${p.tokens ?? p.content.split(/\s+/).length}, '[1,0]', ${SPEC.model})`,
    );
  }
}

const titles = async (t: TestDatabase, text: string, k = 5, vaultId?: string) =>
  (await hybridSearch(t.db, { spec: SPEC, embedding: [1, 0], text, k, vaultId, fusion: TEXT_ONLY, userId: READER })).map((c) => c.title);

describe.each(DRIVERS)('BM25 text ranking on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('weighs a rare word above a common one, and needs no passage to hold every word', async () => {
    t = await openTestDatabase(driver);
    await seed(t, [
      ...Array.from({ length: 8 }, (_, i) => ({ title: `server ${i}`, content: `The server logs every request the server receives, section ${i}.` })),
      { title: 'quokka', content: 'A quokka was seen near the loading dock.' },
      { title: 'neither', content: 'Lunch is served at noon in the canteen.' },
    ]);
    const found = await titles(t, 'Why does the server keep a quokka?');
    expect(found[0]).toBe('quokka');
    expect(found).toHaveLength(5);
    expect(found).not.toContain('neither');
  });

  it('lets a repeated word saturate: two different question words beat one word said many times', async () => {
    t = await openTestDatabase(driver);
    await seed(t, [
      { title: 'repeats', content: 'backup backup backup backup backup backup backup backup backup backup backup backup', tokens: 12 },
      { title: 'both', content: 'Each backup follows the retention plan of the team running it.', tokens: 12 },
    ]);
    expect(await titles(t, 'backup retention')).toEqual(['both', 'repeats']);
  });

  it('discounts a long passage against a short one with the same matches', async () => {
    t = await openTestDatabase(driver);
    await seed(t, [
      { title: 'long', content: `The firmware image is signed. ${filler(400)}`, tokens: 420 },
      { title: 'short', content: 'The firmware image is signed.', tokens: 6 },
      { title: 'other', content: 'Nothing about that here.', tokens: 4 },
    ]);
    expect(await titles(t, 'Is the firmware signed?')).toEqual(['short', 'long']);
  });

  it('matches words by their stems', async () => {
    t = await openTestDatabase(driver);
    await seed(t, [
      { title: 'stems', content: 'She configured both routers before the migration.' },
      { title: 'other', content: 'The garden needs watering twice a week.' },
    ]);
    expect(await titles(t, 'configuring a router')).toEqual(['stems']);
  });

  it('keeps the vault filter inside the search and the results full when the vault has enough chunks', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, SPEC);
    await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${READER}, 'Reader', 'reader@docent.test')`);
    const [vault] = await t.db.rows<{ id: string }>(sql`INSERT INTO vaults (name, owner_id) VALUES ('Small', ${READER}) RETURNING id`);
    await seed(t, [
      // The best matches are elsewhere: a vault filter applied after ranking would leave the vault's search empty.
      ...Array.from({ length: 30 }, (_, i) => ({ title: `elsewhere ${i}`, content: `Compressor warranty terms, part ${i}: compressor warranty.` })),
      { title: 'in vault, matching', content: 'The compressor has a warranty.', vaultId: vault!.id },
      ...Array.from({ length: 6 }, (_, i) => ({ title: `in vault ${i}`, content: `Opening hours, page ${i}.`, vaultId: vault!.id })),
    ]);
    const scoped = await hybridSearch(t.db, { spec: SPEC, embedding: [1, 0], text: 'compressor warranty', k: 5, vaultId: vault!.id, userId: READER });
    expect(scoped).toHaveLength(5);
    expect(scoped[0]!.title).toBe('in vault, matching');
    expect(scoped.every((c) => c.title.startsWith('in vault'))).toBe(true);
  });
});
