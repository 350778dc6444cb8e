import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';
import { Session, setUpOwner } from '@/test/support/accounts';
import { runAppExpectingExit, startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';

/** The conversations the signed-in owner sees, through the app (the cookie of the first run, on a new server). */
async function sessionIds(app: AppServer, cookie: string): Promise<string[]> {
  const listed = await new Session(app, cookie).query<Array<{ id: string }>>('sessions.list');
  if (!listed.ok) throw new Error(`sessions.list: ${listed.status} ${listed.message}`);
  return listed.data.map((s) => s.id);
}

describe('the embedded default across restarts', () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    data = await tempDir('docent-restart-');
  });
  afterAll(() => data?.remove());

  it('keeps its data under DATA_DIR when the app stops and starts again', { timeout: 120_000 }, async () => {
    const first = await startAppServer({ DATA_DIR: data.path });
    const owner = await setUpOwner(first);
    expect(await sessionIds(first, owner.cookie)).toEqual([]);
    const me = await owner.query<{ id: string }>('account.me');
    await first.stop();

    // Written while the app is down, straight into the files the app owns.
    const db = await openPglite(data.path);
    await db.orm.execute(sql`INSERT INTO sessions (client_id, user_id, title) VALUES ('test', ${me.ok ? me.data.id : ''}, 'Kept across restarts')`);
    await db.close();

    for (let restart = 0; restart < 2; restart++) {
      const app = await startAppServer({ DATA_DIR: data.path });
      try {
        // The sign-in survives too: sessions and the key that signs their cookies live in the database.
        expect(await sessionIds(app, owner.cookie)).toEqual(['test']);
        expect((await fetch(`${app.url}/health`)).status).toBe(200);
      } finally {
        await app.stop();
      }
    }
  });
});

describe('start-up with a bad configuration', () => {
  it('exits non-zero and names the bad variable', async () => {
    const { code, output } = await runAppExpectingExit({ DB_POOL_MAX: 'plenty', VECTOR_INDEX: 'flat' });
    expect(code).not.toBe(0);
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('DB_POOL_MAX="plenty"');
    expect(output).toContain('VECTOR_INDEX="flat"');
  });
});
