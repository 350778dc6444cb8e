import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateUpTo } from '@/test/support/migrations';
import { migrateDatabase } from './migrate';
import { listAgents } from './queries/agents';
import { conversationMessages } from './queries/messages';
import { getSession } from './queries/sessions';
import { claimUnowned } from './queries/users';
import { listVaults } from './queries/vaults';
import { DEFAULT_VAULT_ID } from './schema';
import type { VectorIndexSpec } from './vector-index';

const SPEC: VectorIndexSpec = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw', m: 8, efConstruction: 16, efSearch: 40, precision: 'half' } };
// The schema as wave 1 left it: every migration before accounts.
const BEFORE_ACCOUNTS = '0003_operations';

describe.each(DRIVERS)('an install from before accounts, migrated on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('keeps everything, and all of it becomes the owner’s when the owner’s account is created', async () => {
    t = await openTestDatabase(driver);
    await migrateUpTo(t, BEFORE_ACCOUNTS);
    const [vault] = await t.db.rows<{ id: string }>(sql`INSERT INTO vaults (name) VALUES ('Wiki') RETURNING id`);
    await t.db.orm.execute(sql`INSERT INTO sessions (id, title) VALUES ('test', 'Old conversation')`);
    await t.db.orm.execute(sql`INSERT INTO messages (session_id, role, content) VALUES ('test', 'user', 'An old question')`);
    await t.db.orm.execute(sql`INSERT INTO agents (name, system_prompt, vault_id) VALUES ('Librarian', 'Be brief.', ${vault!.id})`);

    await migrateDatabase(t.db, SPEC);
    // Nobody's yet: invisible to anyone until the owner claims it.
    const [unowned] = await t.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM sessions WHERE user_id IS NULL AND client_id = 'test'`);
    expect(unowned!.n).toBe(1);

    await t.db.orm.execute(sql`INSERT INTO users (id, name, email, role) VALUES ('owner', 'Owner', 'owner@docent.test', 'admin')`);
    await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES ('colleague', 'Colleague', 'colleague@docent.test')`);
    await claimUnowned(t.db.orm, 'owner');

    expect(await getSession(t.db, 'owner', 'test')).toMatchObject({ id: 'test', title: 'Old conversation' });
    expect((await conversationMessages(t.db, 'owner', 'test')).map((m) => m.content)).toEqual(['An old question']);
    expect((await listVaults(t.db, 'owner')).map((v) => [v.name, v.access])).toEqual([
      ['Default', 'own'],
      ['Wiki', 'own'],
    ]);
    expect((await listAgents(t.db, 'owner')).map((a) => a.name)).toEqual(['Librarian']);

    // A colleague sees the shared default library, and nothing private of the owner's.
    expect(await getSession(t.db, 'colleague', 'test')).toBeNull();
    expect((await listVaults(t.db, 'colleague')).map((v) => [v.id, v.access])).toEqual([[DEFAULT_VAULT_ID, 'write']]);
    expect(await listAgents(t.db, 'colleague')).toEqual([]);
  });
});
