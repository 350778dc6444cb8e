import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';
import { waitFor } from '@/test/support/services';

/** What a browser is told and refused: security headers on every response, cross-site writes, slow clients. */
describe('browser hardening on the production server', () => {
  let app: AppServer;
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    data = await tempDir('docent-hardening-');
    // HOST empty: the server's own default, loopback.
    app = await startAppServer({ DATA_DIR: data.path, HOST: '', HTTP_HEADERS_TIMEOUT: '2', HTTP_BODY_IDLE_TIMEOUT: '2', ALLOW_ANONYMOUS_API: 'true' });
  });
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  it('listens on loopback only unless HOST says otherwise', async () => {
    // Printed once the server has warmed up, a moment after it first answers.
    await waitFor(async () => (/listening on http:\/\/127\.0\.0\.1:\d+/.test(app.output()) ? true : undefined), 30_000, 'the listening line');
    const port = Number(new URL(app.url).port);
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!outside) return;
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, outside.address);
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('sends pages a CSP with a fresh nonce on every script, frame-ancestors none, and the other headers', async () => {
    for (const path of ['/', '/documents', '/admin']) {
      const response = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).toContain("img-src 'self' data: blob:");
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    }
    const again = await fetch(`${app.url}/`, { headers: { accept: 'text/html' } });
    expect(/'nonce-([^']+)'/.exec(again.headers.get('content-security-policy') ?? '')?.[1]).toBeTruthy();
  });

  it('sends API answers, the fast path’s included, a CSP that allows nothing, and the same headers', async () => {
    for (const path of ['/health', '/api/health', '/api/trpc/health.get', '/api/vaults', '/no-such-endpoint']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await fetch(`${app.url}/`, { headers: { accept: 'text/html' } }).then((r) => r.text());
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    expect((await fetch(`${app.url}${asset}`)).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses writes another site’s page sends (403), and lets API clients and its own pages through', async () => {
    const post = (path: string, headers: Record<string, string>, body: BodyInit = JSON.stringify({ text: 'A note', name: `Vault ${Math.random()}` })) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', prefer: 'respond-async', ...headers }, body });
    const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };

    const refused = await post('/ingest', crossSite);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN', error: expect.stringContaining('another website') });
    expect((await post('/vaults', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/chat', { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    const form = new FormData();
    form.append('file', new Blob(['Some text']), 'note.txt');
    expect((await fetch(`${app.url}/api/documents/upload`, { method: 'POST', headers: crossSite, body: form })).status).toBe(403);
    expect((await fetch(`${app.url}/documents/00000000-0000-4000-8000-000000000000`, { method: 'DELETE', headers: crossSite })).status).toBe(403);
    // A classic CSRF form: text/plain, no preflight.
    expect((await post('/ingest', { ...crossSite, 'content-type': 'text/plain' }, '{"text":"x"}')).status).toBe(403);
    const trpc = await post('/api/trpc/vaults.create', crossSite, JSON.stringify({ json: { name: 'Evil vault' } }));
    expect(trpc.status).toBe(403);
    expect(await trpc.json()).toMatchObject({ error: { json: { data: { code: 'FORBIDDEN', appCode: 'FORBIDDEN' } } } });

    expect((await post('/ingest', {})).status).toBe(202);
    expect((await post('/ingest', { origin: app.url, 'sec-fetch-site': 'same-origin' }, JSON.stringify({ text: 'Same origin' }))).status).toBe(202);
    expect((await post('/vaults', { origin: app.url })).status).toBe(200);
  });

  it('drops a client that sends its headers too slowly, and one whose body stalls, while others are served', async () => {
    const closedAfter = (write: (socket: net.Socket) => void) =>
      new Promise<number>((resolve) => {
        const started = Date.now();
        const socket = net.connect(Number(new URL(app.url).port), '127.0.0.1', () => write(socket));
        socket.on('data', () => {});
        socket.on('error', () => {});
        socket.on('close', () => resolve(Date.now() - started));
      });
    let drip: NodeJS.Timeout | undefined;
    const slowHeaders = closedAfter((socket) => {
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
      drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 500);
    });
    const stalledBody = closedAfter((socket) => {
      socket.write('POST /ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text": "');
    });
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    const [headersMs, bodyMs] = await Promise.all([slowHeaders, stalledBody]);
    clearInterval(drip);
    expect(headersMs).toBeLessThan(5_000);
    expect(bodyMs).toBeLessThan(5_000);
    expect(bodyMs).toBeGreaterThanOrEqual(1_900);
  });
});
