import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';
import { runAppExpectingExit, startAppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';

async function sessionIds(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/trpc/sessions.list`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { data: { json: Array<{ id: string }> } } };
  return body.result.data.json.map((s) => s.id);
}

describe('the embedded default across restarts', () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    data = await tempDir('docent-restart-');
  });
  afterAll(() => data?.remove());

  it('keeps its data under DATA_DIR when the app stops and starts again', { timeout: 120_000 }, async () => {
    const first = await startAppServer({ DATA_DIR: data.path });
    expect(await sessionIds(first.url)).toEqual([]);
    await first.stop();

    // Written while the app is down, straight into the files the app owns.
    const db = await openPglite(data.path);
    await db.orm.execute(sql`INSERT INTO sessions (id, title) VALUES ('test', 'Kept across restarts')`);
    await db.close();

    for (let restart = 0; restart < 2; restart++) {
      const app = await startAppServer({ DATA_DIR: data.path });
      try {
        expect(await sessionIds(app.url)).toEqual(['test']);
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
