import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateDatabase } from '../migrate';
import { libraryPage, type LibraryQuery } from './document-library';

const SPEC = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw' as const, m: 8, efConstruction: 16, efSearch: 40, precision: 'half' as const } };
const ADA = 'ada';
const BOB = 'bob';
const ADA_NOTES = '10000000-0000-4000-8000-00000000000a';
const ADA_PAPERS = '10000000-0000-4000-8000-00000000000b';
const BOB_PRIVATE = '10000000-0000-4000-8000-00000000000c';

/**
 * Ada's two vaults: 60 notes (text, markdown; every fifth failed) and 15 papers (PDF), one of which says
 * "anemometer" in its text and one uploaded as `tide-tables_2026.pdf`. Bob's private vault holds documents with
 * the same words, which Ada must never see.
 */
async function seed(t: TestDatabase) {
  await migrateDatabase(t.db, SPEC);
  await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${ADA}, 'Ada', 'ada@docent.test'), (${BOB}, 'Bob', 'bob@docent.test')`);
  await t.db.orm.execute(sql`INSERT INTO vaults (id, name, owner_id) VALUES
    (${ADA_NOTES}, 'Notes', ${ADA}), (${ADA_PAPERS}, 'Papers', ${ADA}), (${BOB_PRIVATE}, 'Private', ${BOB})`);
  await t.db.orm.execute(sql`
    INSERT INTO documents (vault_id, title, content_hash, mime_type, size_bytes, status, created_at)
    SELECT ${ADA_NOTES}, 'Note ' || lpad(i::text, 2, '0'), 'note-' || i, CASE WHEN i % 2 = 0 THEN 'text/plain' ELSE 'text/markdown' END,
           1000 + i, CASE WHEN i % 5 = 0 THEN 'failed' ELSE 'ready' END, timestamptz '2026-12-01 00:00:00+00' + i * interval '1 hour'
    FROM generate_series(1, 60) i`);
  await t.db.orm.execute(sql`
    INSERT INTO documents (vault_id, title, content_hash, mime_type, size_bytes, status, created_at)
    SELECT ${ADA_PAPERS}, 'Paper ' || i, 'paper-' || i, 'application/pdf', 50000 * i, 'ready', timestamptz '2026-11-01 00:00:00+00' + i * interval '1 day'
    FROM generate_series(1, 15) i`);
  await t.db.orm.execute(sql`
    INSERT INTO documents (vault_id, title, content_hash, mime_type, status)
    SELECT ${BOB_PRIVATE}, 'Note about the anemometer ' || i, 'bob-' || i, 'text/plain', 'ready' FROM generate_series(1, 5) i`);
  const chunk = (title: string, content: string) => sql`
    INSERT INTO chunks (document_id, vault_id, ordinal, content, token_count, embedding, embedding_model)
    SELECT id, vault_id, 0, ${content}, 12, '[1,0,0]', 'toy-3d' FROM documents WHERE title = ${title}`;
  await t.db.orm.execute(chunk('Paper 7', 'Wind speed was read from the anemometer on the breakwater every hour.'));
  await t.db.orm.execute(chunk('Note about the anemometer 1', 'The anemometer on the roof is Bob’s.'));
  await t.db.orm.execute(sql`
    INSERT INTO ingest_jobs (document_id, status, filename, content_hash, content)
    SELECT id, 'done', 'tide-tables_2026.pdf', content_hash, '\\x00'::bytea FROM documents WHERE title = 'Paper 3'`);
}

const query = (changes: Partial<LibraryQuery> = {}): LibraryQuery => ({ sort: 'newest', page: 1, pageSize: 20, ...changes });
const titles = (page: { items: { title: string }[] }) => page.items.map((item) => item.title);

describe.each(DRIVERS)('the document library on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seed(t);
  });
  afterAll(async () => t?.cleanup());

  it('pages through every readable document once, with the total', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const result = await libraryPage(t.db, ADA, query({ page }));
      expect(result.total).toBe(75);
      seen.push(...result.items.map((item) => item.id));
    }
    expect(seen).toHaveLength(75);
    expect(new Set(seen).size).toBe(75);
    expect((await libraryPage(t.db, ADA, query({ page: 5 }))).items).toEqual([]);
  });

  it('sorts newest, oldest, by title and by size', async () => {
    expect(titles(await libraryPage(t.db, ADA, query({ pageSize: 2 })))).toEqual(['Note 60', 'Note 59']);
    expect(titles(await libraryPage(t.db, ADA, query({ sort: 'oldest', pageSize: 2 })))).toEqual(['Paper 1', 'Paper 2']);
    expect(titles(await libraryPage(t.db, ADA, query({ sort: 'title', pageSize: 2 })))).toEqual(['Note 01', 'Note 02']);
    expect(titles(await libraryPage(t.db, ADA, query({ sort: 'size', pageSize: 2 })))).toEqual(['Paper 15', 'Paper 14']);
  });

  it('filters by vault, status and type, and counts by status for the same filters', async () => {
    const failedNotes = await libraryPage(t.db, ADA, query({ vaultId: ADA_NOTES, status: 'failed' }));
    expect(failedNotes.total).toBe(12);
    expect(failedNotes.items.every((item) => item.status === 'failed' && item.vaultName === 'Notes')).toBe(true);
    expect(failedNotes.statusCounts).toEqual({ queued: 0, processing: 0, ready: 48, failed: 12 });
    const markdown = await libraryPage(t.db, ADA, query({ type: 'markdown', pageSize: 100 }));
    expect(markdown.total).toBe(30);
    expect(markdown.items.every((item) => item.mimeType === 'text/markdown')).toBe(true);
    expect((await libraryPage(t.db, ADA, query({ type: 'pdf', status: 'failed' }))).total).toBe(0);
  });

  it('searches titles, file names and, by whole words, the text', async () => {
    expect(titles(await libraryPage(t.db, ADA, query({ search: 'note 4', sort: 'title' })))).toEqual(Array.from({ length: 10 }, (_, i) => `Note ${40 + i}`));
    expect(titles(await libraryPage(t.db, ADA, query({ search: 'tide-tables_20' })))).toEqual(['Paper 3']);
    expect(titles(await libraryPage(t.db, ADA, query({ search: 'anemometers' })))).toEqual(['Paper 7']);
    expect(titles(await libraryPage(t.db, ADA, query({ search: '100%' })))).toEqual([]);
  });

  it("never shows another user's documents, nor counts them", async () => {
    const bobs = await libraryPage(t.db, BOB, query({ pageSize: 100 }));
    expect(bobs.total).toBe(5);
    expect(titles(bobs).every((title) => title.startsWith('Note about'))).toBe(true);
    const adas = await libraryPage(t.db, ADA, query({ search: 'anemometer', pageSize: 100 }));
    expect(titles(adas)).toEqual(['Paper 7']);
    expect((await libraryPage(t.db, ADA, query({ vaultId: BOB_PRIVATE }))).total).toBe(0);
  });
});
