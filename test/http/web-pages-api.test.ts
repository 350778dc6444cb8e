import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';
import { waitFor } from '@/test/support/services';

/** POST /api/documents/url and its neighbours over real HTTP, against a site on loopback (allowed by URL_FETCH_ALLOW). */
describe('web pages over HTTP', () => {
  let app: AppServer;
  let owner: Session;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let site: Server;
  let root: string;
  let version = 'first';

  beforeAll(async () => {
    site = createServer((req, res) => {
      const body = `<!doctype html><html><head><title>Keeper handbook</title></head><body><nav>Menu</nav><article><h1>Keeper handbook</h1>
        <p>This is the ${version} version of the handbook. The lamp is trimmed at dusk and the log is signed at dawn by the keeper on duty.</p>
        <p>Storm procedure: close the shutters, light the reserve lamp and sound the horn every thirty seconds until the weather clears.</p></article></body></html>`;
      res.writeHead(req.url === '/handbook' ? 200 : 404, { 'content-type': 'text/html' }).end(body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    data = await tempDir('docent-web-api-');
    app = await startAppServer({ DATA_DIR: data.path, URL_FETCH_ALLOW: '127.0.0.1', URL_CRAWL_MAX_DEPTH: '2' });
    owner = await setUpOwner(app);
  });
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
    site?.closeAllConnections();
    await new Promise((resolve) => site?.close(resolve));
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await owner.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  const finished = (fetchId: string) =>
    waitFor(async () => {
      const { body } = await call('GET', `/api/documents/url/${fetchId}`);
      return body.status === 'done' || body.status === 'failed' ? body : undefined;
    }, 30_000, 'the web fetch');

  const ready = (id: string) =>
    waitFor(async () => {
      const { body } = await call('GET', `/api/documents/${id}`);
      return body.status === 'ready' || body.status === 'failed' ? body : undefined;
    }, 30_000, 'the document');

  it('queues a page with 202, fetches it in the background, and fetches it again under the same id', async () => {
    const accepted = await call('POST', '/api/documents/url', { url: `${root}/handbook` });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ fetch_id: expect.any(String), status: 'queued' });
    expect(accepted.headers.get('location')).toBe(`/api/documents/url/${accepted.body.fetch_id}`);
    expect(await finished(accepted.body.fetch_id)).toMatchObject({ status: 'done', pages_fetched: 1, pages_failed: 0 });

    const { body: library } = await call('GET', '/api/documents');
    const document = library.documents.find((d: { source: string }) => d.source === `${root}/handbook`);
    expect(document).toMatchObject({ title: 'Keeper handbook', mime_type: 'text/html' });
    expect(await ready(document.document_id)).toMatchObject({ status: 'ready' });

    version = 'second';
    const again = await call('POST', `/api/documents/${document.document_id}/refetch`);
    expect(again.status).toBe(202);
    expect(await finished(again.body.fetch_id)).toMatchObject({ status: 'done', document_id: document.document_id });
    const after = (await call('GET', '/api/documents')).body.documents.filter((d: { source: string }) => d.source === `${root}/handbook`);
    expect(after.map((d: { document_id: string }) => d.document_id)).toEqual([document.document_id]);

    const interval = await call('PUT', `/api/documents/${document.document_id}/refresh`, { refresh_hours: 12 });
    expect(interval).toMatchObject({ status: 200, body: { refresh_hours: 12 } });
  });

  it('answers bad requests with 4xx and plain words', async () => {
    const metadata = await call('POST', '/api/documents/url', { url: 'http://169.254.169.254/latest/meta-data/' });
    expect(metadata.status).toBe(403);
    expect(metadata.body.error).toContain("points inside the server's own network; ask an admin to allow it with URL_FETCH_ALLOW");
    const ftp = await call('POST', '/api/documents/url', { url: 'ftp://example.com/' });
    expect(ftp.status).toBe(422);
    expect(ftp.body.error).toContain('Only http and https');
    expect((await call('POST', '/api/documents/url', { url: '' })).status).toBe(422);
    const deep = await call('POST', '/api/documents/url', { url: `${root}/handbook`, follow_links: { depth: 3, max_pages: 5 } });
    expect(deep.status).toBe(422);
    expect(deep.body.error).toContain('URL_CRAWL_MAX_DEPTH');
    const unknown = '00000000-0000-4000-8000-00000000dead';
    expect((await call('POST', `/api/documents/${unknown}/refetch`)).status).toBe(404);
    expect((await call('GET', `/api/documents/url/${unknown}`)).status).toBe(404);
  });
});
