import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { readWebPage, setPageRefreshHours } from '@/db/queries/web-pages';
import { runMaintenance } from '@/server/admin/maintenance';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { IngestWorker } from '@/server/ingest/worker';
import type { Services } from '@/server/services';
import { WebFetchWorker } from '@/server/web/fetch-worker';
import { refetchDocument, submitWebFetch, webFetchStatus } from '@/server/web/web-documents';
import { DRIVERS } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { createTestServices, waitFor } from '@/test/support/services';

const filler = (topic: string) =>
  Array.from({ length: 6 }, (_, i) => `${topic} note ${i + 1}: the ${topic.toLowerCase()} is described here in some detail for readers.`).join(' ');

function page(title: string, body: string, links: string[]): string {
  const nav = links.map((href) => `<a href="${href}">${href}</a>`).join(' ');
  return `<!doctype html><html><head><title>${title}</title></head><body>
    <header><nav>Site menu ${nav}</nav></header>
    <main><article><h1>${title}</h1><p>${body}</p><p>${filler(title)}</p></article></main>
    <footer>Copyright footer boilerplate</footer></body></html>`;
}

/** A small site on loopback: home links to two pages, a text file, a broken page and another origin. */
function createSite() {
  const hits: string[] = [];
  const content: Record<string, string> = { b: 'Page B says the lighthouse lamp is cleaned weekly.' };
  // The site's robots.txt: none (404) unless a test sets one.
  const robots: { text: string | null } = { text: null };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const { port } = server.address() as AddressInfo;
    const html = (text: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text);
    if (path === '/') return html(page('Home', 'The home page welcomes keepers.', ['/a', 'b#top', '/notes.txt', '/broken', `http://localhost:${port}/offsite`, '/to-metadata']));
    if (path === '/a') return html(page('Page A', 'Page A explains the foghorn schedule.', ['/a/deep', '/']));
    if (path === '/b') return html(page('Page B', content.b!, ['/']));
    if (path === '/a/deep') return html(page('Deep page', 'The deep page is two links away.', []));
    if (path === '/notes.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end(`Plain notes about the keeper's log book.\n\n${filler('Log')}`);
    if (path === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (path === '/broken') return res.writeHead(500).end('oops');
    if (path === '/robots.txt' && robots.text) return res.writeHead(200, { 'content-type': 'text/plain' }).end(robots.text);
    res.writeHead(404).end();
  });
  return { server, hits, content, robots };
}

describe.each(DRIVERS)('web pages on %s', (driver) => {
  let fake: FakeOpenAI;
  let site: ReturnType<typeof createSite>;
  let root: string;
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let ingest: IngestWorker;
  let fetcher: WebFetchWorker;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    site = createSite();
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    site.server.closeAllConnections();
    await new Promise((resolve) => site.server.close(resolve));
    await fake.close();
  });
  beforeEach(async () => {
    site.hits.length = 0;
    site.robots.text = null;
    ({ services, owner, cleanup } = await createTestServices(driver, {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      CHUNK_SIZE: '64',
      CHUNK_OVERLAP: '8',
      URL_FETCH_ALLOW: '127.0.0.1',
      URL_CRAWL_MAX_DEPTH: '3',
    }));
    ingest = new IngestWorker(services, { concurrency: 2, leaseSeconds: 30, maxAttempts: 2, pollIntervalMs: 50 });
    fetcher = new WebFetchWorker(services, { leaseSeconds: 30, pollIntervalMs: 50 });
    ingest.start();
    fetcher.start();
  });
  afterEach(async () => {
    await Promise.all([ingest.stop(), fetcher.stop()]);
    await cleanup();
  });

  const finished = (fetchId: string) =>
    waitFor(async () => {
      const status = await webFetchStatus(services, owner, fetchId);
      return status.status === 'done' || status.status === 'failed' ? status : undefined;
    }, 60_000, `web fetch ${fetchId}`);

  const documentsBySource = async () => {
    const rows = await services.db.rows<{ id: string; source: string }>(sql`SELECT id, source FROM documents WHERE source IS NOT NULL`);
    return new Map(rows.map((row) => [row.source, row.id]));
  };

  const settled = (id: string) =>
    waitFor(async () => {
      const doc = await getDocument(services.db, owner.userId, id);
      return doc && (doc.status === 'ready' || doc.status === 'failed') ? doc : undefined;
    }, 60_000, `document ${id}`);

  const textOf = async (id: string) => {
    const rows = await services.db.rows<{ content: string }>(sql`SELECT content FROM chunks WHERE document_id = ${id} ORDER BY ordinal`);
    return rows.map((row) => row.content).join(' ');
  };

  it('follows same-site links within the depth, keeps the article without its navigation, and records failed pages', async () => {
    const { fetchId, status } = await submitWebFetch(services, owner, { url: `${root}/`, followLinks: { depth: 1, maxPages: 20 } });
    expect(status).toBe('queued');
    const crawl = await finished(fetchId);
    expect(crawl).toMatchObject({ status: 'done', pagesFound: 6, pagesFetched: 4, pagesFailed: 2 });
    expect(crawl.failures.map((f) => f.url).sort()).toEqual([`${root}/broken`, `${root}/to-metadata`]);
    expect(crawl.failures.find((f) => f.url.endsWith('/to-metadata'))!.reason).toContain("points inside the server's own network");
    expect(crawl.failures.find((f) => f.url.endsWith('/broken'))!.reason).toContain('answered 500');

    const sources = await documentsBySource();
    expect([...sources.keys()].sort()).toEqual([`${root}/`, `${root}/a`, `${root}/b`, `${root}/notes.txt`]);
    // Depth 1 stops before /a/deep; the other origin (localhost) is never asked.
    expect(site.hits).not.toContain('/a/deep');
    expect(site.hits).not.toContain('/offsite');

    const home = await settled(sources.get(`${root}/`)!);
    expect(home).toMatchObject({ status: 'ready', title: 'Home' });
    const homeText = await textOf(home.id);
    expect(homeText).toContain('The home page welcomes keepers.');
    expect(homeText).not.toContain('Site menu');
    expect(homeText).not.toContain('Copyright footer');
    const notes = await settled(sources.get(`${root}/notes.txt`)!);
    expect(notes.mimeType).toBe('text/plain');
    expect(await textOf(notes.id)).toContain("Plain notes about the keeper's log book.");
  });

  it("follows no link the site's robots.txt closes to crawlers, yet fetches such a page when a person asks for it", async () => {
    site.robots.text = 'User-agent: *\nDisallow: /a\n\nUser-agent: Docent\nDisallow: /a\nDisallow: /notes.txt\n';
    const { fetchId } = await submitWebFetch(services, owner, { url: `${root}/`, followLinks: { depth: 2, maxPages: 20 } });
    const crawl = await finished(fetchId);
    expect(site.hits).toContain('/robots.txt');
    expect(site.hits).not.toContain('/a');
    expect(site.hits).not.toContain('/a/deep');
    expect(site.hits).not.toContain('/notes.txt');
    // Closed links use none of the page count and are no failures; the open ones are fetched as before.
    expect(crawl).toMatchObject({ status: 'done', pagesFound: 4, pagesFetched: 2, pagesFailed: 2 });
    expect([...(await documentsBySource()).keys()].sort()).toEqual([`${root}/`, `${root}/b`]);

    const asked = await submitWebFetch(services, owner, { url: `${root}/a` });
    expect(await finished(asked.fetchId)).toMatchObject({ status: 'done', pagesFetched: 1 });
    expect(site.hits).toContain('/a');
  });

  it('stops at the page limit, however deep the links go', async () => {
    const { fetchId } = await submitWebFetch(services, owner, { url: `${root}/`, followLinks: { depth: 3, maxPages: 3 } });
    const crawl = await finished(fetchId);
    expect(crawl.pagesFound).toBe(3);
    expect(crawl.pagesFetched + crawl.pagesFailed).toBe(3);
    expect((await documentsBySource()).size).toBe(crawl.pagesFetched);
  });

  it('fetches a page again under the same id: changed content replaces it, unchanged content only records the check', async () => {
    const { fetchId } = await submitWebFetch(services, owner, { url: `${root}/b` });
    expect(await finished(fetchId)).toMatchObject({ status: 'done', pagesFetched: 1 });
    const id = (await documentsBySource()).get(`${root}/b`)!;
    await settled(id);
    expect(await textOf(id)).toContain('cleaned weekly');
    const first = (await readWebPage(services.db, owner.userId, id))!;

    site.content.b = 'Page B now says the lighthouse lamp is cleaned every day.';
    const again = await refetchDocument(services, owner, id);
    expect(await finished(again.fetchId)).toMatchObject({ status: 'done', documentId: id });
    const replaced = await settled(id);
    expect(replaced.id).toBe(id);
    expect(await textOf(id)).toContain('cleaned every day');
    expect(await textOf(id)).not.toContain('cleaned weekly');
    const second = (await readWebPage(services.db, owner.userId, id))!;
    expect(second.fetchedAt.getTime()).toBeGreaterThan(first.fetchedAt.getTime());

    const jobsBefore = await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ingest_jobs WHERE document_id = ${id}`);
    const unchanged = await refetchDocument(services, owner, id);
    await finished(unchanged.fetchId);
    const third = (await readWebPage(services.db, owner.userId, id))!;
    expect(third.fetchedAt.getTime()).toBe(second.fetchedAt.getTime());
    expect(third.checkedAt.getTime()).toBeGreaterThan(second.checkedAt.getTime());
    expect(await services.db.rows(sql`SELECT count(*)::int AS n FROM ingest_jobs WHERE document_id = ${id}`)).toEqual(jobsBefore);
    expect(await services.db.rows(sql`SELECT id FROM documents WHERE source = ${`${root}/b`}`)).toHaveLength(1);
  });

  it('fetches pages again on the schedule once their interval has passed, and leaves on-demand pages alone', async () => {
    const scheduled = { ...services, config: { ...services.config, web: { ...services.config.web, refreshHours: 1 } } };
    for (const path of ['/a', '/b']) await finished((await submitWebFetch(services, owner, { url: `${root}${path}` })).fetchId);
    const sources = await documentsBySource();
    const [a, b] = [sources.get(`${root}/a`)!, sources.get(`${root}/b`)!];
    expect(await setPageRefreshHours(services.db, owner.userId, b, 0)).toBe(true);

    const notDue = await runMaintenance(scheduled, 'refresh-web-pages');
    expect(notDue).toMatchObject({ status: 'succeeded', detail: expect.stringContaining('Queued 0 web pages') });

    await services.db.orm.execute(sql`UPDATE web_pages SET checked_at = now() - interval '2 hours'`);
    const due = await runMaintenance(scheduled, 'refresh-web-pages');
    expect(due.detail).toContain('Queued 1 web pages');
    const [queued] = await services.db.rows<{ id: string; document_id: string }>(
      sql`SELECT id, document_id FROM web_fetches WHERE document_id IS NOT NULL`,
    );
    expect(queued!.document_id).toBe(a);
    expect(await finished(queued!.id)).toMatchObject({ status: 'done', pagesFetched: 1 });
    const checked = (await readWebPage(services.db, owner.userId, a))!;
    expect(Date.now() - checked.checkedAt.getTime()).toBeLessThan(60 * 60 * 1000);
    const untouched = (await readWebPage(services.db, owner.userId, b))!;
    expect(Date.now() - untouched.checkedAt.getTime()).toBeGreaterThan(60 * 60 * 1000);
  });

  it('refuses private addresses when they are not on the allow-list, and limits above the server’s', async () => {
    const strict = { ...services, config: { ...services.config, web: { ...services.config.web, allow: [] } } };
    for (const url of [`${root}/`, 'http://localhost/', 'http://[::1]/', 'http://169.254.169.254/', 'http://10.1.1.1/']) {
      const error = await submitWebFetch(strict, owner, { url }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).status, url).toBe(403);
    }
    const tooDeep = await submitWebFetch(services, owner, { url: `${root}/`, followLinks: { depth: 4, maxPages: 5 } }).catch((e: unknown) => e);
    expect((tooDeep as AppError).message).toContain('URL_CRAWL_MAX_DEPTH');
    const tooMany = await submitWebFetch(services, owner, { url: `${root}/`, followLinks: { depth: 1, maxPages: 500 } }).catch((e: unknown) => e);
    expect((tooMany as AppError).message).toContain('URL_CRAWL_MAX_PAGES');
  });
});
