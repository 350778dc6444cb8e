import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateDatabase } from '../migrate';
import { historyPage, MATCH_END, MATCH_START, prefixQuery, searchHistory, type HistoryCursor } from './conversation-history';

const SPEC = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw' as const, m: 8, efConstruction: 16, efSearch: 40, precision: 'half' as const } };
const ADA = 'ada';
const BOB = 'bob';
const CONVERSATIONS = 45;

/**
 * Ada's 45 conversations, several active at the same microsecond (a page seam must still neither skip nor
 * repeat one), one of them mentioning a lighthouse in an answer; Bob has conversations of the same ids and words.
 */
async function seed(t: TestDatabase) {
  await migrateDatabase(t.db, SPEC);
  await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${ADA}, 'Ada', 'ada@docent.test'), (${BOB}, 'Bob', 'bob@docent.test')`);
  for (const user of [ADA, BOB]) {
    await t.db.orm.execute(sql`
      INSERT INTO sessions (id, client_id, user_id, title, last_active_at)
      SELECT ${user} || '-' || i, 'chat-' || i, ${user}, 'Conversation ' || i,
             timestamptz '2026-12-01 12:00:00.123456+00' - (i / 3) * interval '1 minute'
      FROM generate_series(1, ${CONVERSATIONS}) i`);
    await t.db.orm.execute(sql`
      INSERT INTO messages (session_id, role, content)
      SELECT ${user} || '-' || i, r.role, CASE WHEN i = 37 AND r.role = 'assistant'
        THEN 'The keeper lit the lighthouse lamp every evening before the ferries came in.'
        ELSE 'Question ' || i || ' about tides and harbour fees.' END
      FROM generate_series(1, ${CONVERSATIONS}) i, (VALUES ('user'), ('assistant')) r(role)`);
  }
  await t.db.orm.execute(sql`UPDATE sessions SET title = 'Bob on lighthouses' WHERE id = 'bob-3'`);
}

describe.each(DRIVERS)('conversation history on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seed(t);
  });
  afterAll(async () => t?.cleanup());

  it('pages through every conversation of the user once, newest activity first, with no gap or repeat', async () => {
    const seen: string[] = [];
    let cursor: HistoryCursor | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof historyPage>> = await historyPage(t.db, ADA, { cursor, limit: 10 });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(CONVERSATIONS);
    expect(new Set(seen).size).toBe(CONVERSATIONS);
    // Newest first: conversation i was active (i / 3) minutes before the first ones.
    const order = seen.map((id) => Math.floor(Number(id.slice(5)) / 3));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('finds a conversation by a word said in it, and shows the passage with the word marked', async () => {
    const found = await searchHistory(t.db, ADA, { search: 'lighthouse', limit: 10 });
    expect(found.items.map((item) => item.id)).toEqual(['chat-37']);
    expect(found.items[0]!.snippet).toContain(`${MATCH_START}lighthouse${MATCH_END}`);
    expect(found.next).toBeNull();
  });

  it('matches the beginnings of words and every word, with stemming', async () => {
    expect((await searchHistory(t.db, ADA, { search: 'lightho', limit: 10 })).items.map((item) => item.id)).toEqual(['chat-37']);
    expect((await searchHistory(t.db, ADA, { search: 'ferry lamps', limit: 10 })).items.map((item) => item.id)).toEqual(['chat-37']);
    expect((await searchHistory(t.db, ADA, { search: 'lighthouse tides', limit: 10 })).items).toEqual([]);
  });

  it('finds titles too, and pages search results without repeats', async () => {
    const first = await searchHistory(t.db, ADA, { search: 'conversation', limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.snippet).toBeNull();
    const rest = await searchHistory(t.db, ADA, { search: 'conversation', cursor: first.next, limit: 30 });
    expect(rest.items).toHaveLength(CONVERSATIONS - 20);
    expect(new Set([...first.items, ...rest.items].map((item) => item.id)).size).toBe(CONVERSATIONS);
  });

  it("never shows another user's conversations, titles or words", async () => {
    const bobs = await searchHistory(t.db, BOB, { search: 'lighthouse', limit: 10 });
    expect(bobs.items.map((item) => item.id).sort()).toEqual(['chat-3', 'chat-37']);
    const adas = await historyPage(t.db, ADA, { limit: 100 });
    expect(adas.items.map((item) => item.title)).not.toContain('Bob on lighthouses');
    expect(await historyPage(t.db, 'nobody', { limit: 10 })).toEqual({ items: [], next: null });
    expect((await searchHistory(t.db, 'nobody', { search: 'lighthouse', limit: 10 })).items).toEqual([]);
  });

  it('treats what people type as words, never as query syntax', async () => {
    expect(prefixQuery("it's (a) | !test & <x>")).toBe('it:* & s:* & a:* & test:* & x:*');
    expect(prefixQuery('  ?! ')).toBeNull();
    expect((await searchHistory(t.db, ADA, { search: '&|!:*()', limit: 10 })).items).toEqual([]);
    expect((await searchHistory(t.db, ADA, { search: 'the', limit: 10 })).items).toEqual([]);
  });
});
