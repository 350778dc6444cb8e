import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAppExpectingExit, startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase, tempDir } from '@/test/support/databases';
import { waitFor } from '@/test/support/services';

/** WORKERS: several server processes sharing the port, on PostgreSQL. */

/** The child processes of `pid` (the workers of a primary). */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
  );
}

/** GET on a connection of its own: node:cluster hands new connections to the workers in turn. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 10_000 }, (res) => res.resume().once('end', () => resolve(res.statusCode ?? 0)));
    req.once('timeout', () => req.destroy(new Error(`no answer from ${url} in 10 s`))).once('error', reject);
  });
}

async function healthRequestsCounted(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('docent_http_requests_total{') && l.includes('route="/health"') && l.includes('status="200"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('several workers', () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await startAppServer({ DATABASE_URL: await createPostgresDatabase(), WORKERS: '2', METRICS_PUBLIC: 'true' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('share the port, and /metrics counts the requests every worker answered', async () => {
    expect(childrenOf(app.pid)).toHaveLength(2);
    const before = await healthRequestsCounted(app.url);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => getOnNewConnection(`${app.url}/health`)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await healthRequestsCounted(app.url)) - before).toBe(20);
  });

  it('replace a worker that dies, and keep answering meanwhile', async () => {
    const [victim, survivor] = childrenOf(app.pid);
    process.kill(victim!, 'SIGKILL');
    // Until the primary reaps the victim, node:cluster may still hand it a new connection, which is then lost with
    // it (as are the requests it was serving): a crash's cost. Once reaped, the survivor takes every connection.
    await waitFor(async () => (childrenOf(app.pid).includes(victim!) ? undefined : true));
    expect(await getOnNewConnection(`${app.url}/health`)).toBe(200);
    const replaced = await waitFor(async () => {
      const now = childrenOf(app.pid);
      return now.length === 2 && !now.includes(victim!) ? now : undefined;
    });
    expect(replaced).toContain(survivor);
    await waitFor(async () => ((await getOnNewConnection(`${app.url}/health`)) === 200 ? true : undefined));
  });

  it('stop together on SIGTERM, the primary exiting cleanly', async () => {
    const workers = childrenOf(app.pid);
    expect(await app.stop()).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('several workers on the embedded database', () => {
  it('are refused at start-up, saying why', async () => {
    const data = await tempDir('docent-workers-');
    try {
      const { code, output } = await runAppExpectingExit({ WORKERS: '2', DATA_DIR: data.path });
      expect(code).not.toBe(0);
      expect(output).toContain('WORKERS=2: the embedded database can be opened by one process only');
    } finally {
      await data.remove();
    }
  });
});
