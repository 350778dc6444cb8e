import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateDatabase } from '../migrate';
import { getDocumentStatuses } from './documents';

const SPEC = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw' as const, m: 8, efConstruction: 16, efSearch: 40, precision: 'half' as const } };
const ADA = 'ada';
const BOB = 'bob';
const ADA_VAULT = '20000000-0000-4000-8000-00000000000a';
const BOB_VAULT = '20000000-0000-4000-8000-00000000000b';
const NOWHERE = '20000000-0000-4000-8000-0000000000ff';

/** A folder upload's statuses, as the upload panel asks for them: many ids, one statement, only what the caller may read. */
describe.each(DRIVERS)('document statuses on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('answers each readable document with its status, error and title, and leaves out the others', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, SPEC);
    await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${ADA}, 'Ada', 'ada@docent.test'), (${BOB}, 'Bob', 'bob@docent.test')`);
    await t.db.orm.execute(sql`INSERT INTO vaults (id, name, owner_id) VALUES (${ADA_VAULT}, 'Notes', ${ADA}), (${BOB_VAULT}, 'Private', ${BOB})`);
    const inserted = await t.db.rows<{ id: string; title: string }>(sql`
      INSERT INTO documents (vault_id, title, content_hash, status, error)
      SELECT ${ADA_VAULT}, 'Page ' || i, 'page-' || i, CASE WHEN i = 3 THEN 'failed' WHEN i % 2 = 0 THEN 'ready' ELSE 'queued' END,
             CASE WHEN i = 3 THEN 'This file is empty.' END
      FROM generate_series(1, 300) i
      RETURNING id, title`);
    const [bobs] = await t.db.rows<{ id: string }>(sql`
      INSERT INTO documents (vault_id, title, content_hash, status) VALUES (${BOB_VAULT}, 'Bob''s', 'bob', 'ready') RETURNING id`);
    const byTitle = new Map(inserted.map((row) => [row.title, row.id]));

    const asked = [...inserted.map((row) => row.id), bobs!.id, NOWHERE];
    const rows = await getDocumentStatuses(t.db, ADA, asked);
    expect(rows).toHaveLength(300);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(byTitle.get('Page 2')!)).toEqual({ id: byTitle.get('Page 2'), status: 'ready', error: null, title: 'Page 2' });
    expect(byId.get(byTitle.get('Page 3')!)).toMatchObject({ status: 'failed', error: 'This file is empty.' });
    expect(byId.get(byTitle.get('Page 5')!)).toMatchObject({ status: 'queued' });
    expect(byId.has(bobs!.id)).toBe(false);

    expect(await getDocumentStatuses(t.db, BOB, asked)).toEqual([{ id: bobs!.id, status: 'ready', error: null, title: "Bob's" }]);
    expect(await getDocumentStatuses(t.db, ADA, [])).toEqual([]);
  });
});
