import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import type { UserCaller } from '@/server/auth/caller';
import { conversationHistory, searchConversations, snippetParts } from './conversations';

const SPEC = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw' as const, m: 8, efConstruction: 16, efSearch: 40, precision: 'half' as const } };
const ADA: UserCaller = { kind: 'user', userId: 'ada', name: 'Ada', email: 'ada@docent.test', role: 'member', via: 'session', scopes: 'all' };

describe.each(DRIVERS)('the conversation history API on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, SPEC);
    await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES ('ada', 'Ada', 'ada@docent.test')`);
    await t.db.orm.execute(sql`
      INSERT INTO sessions (client_id, user_id, title, last_active_at)
      SELECT 'chat-' || i, 'ada', 'Chat ' || i, now() - i * interval '1 second' FROM generate_series(1, 7) i`);
    await t.db.orm.execute(sql`
      INSERT INTO messages (session_id, role, content)
      SELECT id, 'user', 'Where does the ferry to Inchcolm leave from?' FROM sessions WHERE client_id = 'chat-5'`);
  });
  afterAll(async () => t?.cleanup());

  it('hands out opaque cursors that lead through every page', async () => {
    const first = await conversationHistory(t, ADA, { limit: 4 });
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await conversationHistory(t, ADA, { cursor: first.nextCursor, limit: 4 });
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(Array.from({ length: 7 }, (_, i) => `chat-${i + 1}`));
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give out, saying so, before it reaches the database', async () => {
    const forged = Buffer.from(JSON.stringify({ at: "now'); DROP TABLE sessions; --", key: 'x' })).toString('base64url');
    for (const cursor of ['not a cursor', forged]) {
      await expect(conversationHistory(t, ADA, { cursor, limit: 4 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', status: 422 });
    }
  });

  it('returns the passage that matched as pieces, the matched words flagged', async () => {
    const { items } = await searchConversations(t, ADA, { search: 'ferry', limit: 10 });
    expect(items.map((item) => item.id)).toEqual(['chat-5']);
    // ts_headline ends a passage at a word, without the final punctuation.
    expect(items[0]!.snippet).toEqual([
      { text: 'Where does the ', match: false },
      { text: 'ferry', match: true },
      { text: ' to Inchcolm leave from', match: false },
    ]);
  });
});

describe('snippet pieces', () => {
  it('split on the markers, keeping text around and between matches', () => {
    expect(snippetParts('\uE000a\uE001 b \uE000c\uE001')).toEqual([
      { text: 'a', match: true },
      { text: ' b ', match: false },
      { text: 'c', match: true },
    ]);
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', match: false }]);
  });
});
