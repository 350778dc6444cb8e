import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/server/errors';
import { createAddressPolicy } from './address-policy';
import { fetchFromWeb } from './safe-fetch';

const LIMITS = { maxBytes: 64 * 1024, timeoutMs: 3_000 };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('fetching from the web, safely', () => {
  let server: Server;
  let port: number;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>hello</p>');
      if (path === '/to-private') return res.writeHead(302, { location: `http://127.0.0.1:${port}/page` }).end();
      if (path === '/to-metadata') return res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/to-page') return res.writeHead(307, { location: '/page' }).end();
      if (path === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (path === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (path === '/endless') {
        // Streams for ever: only the size limit stops the reader.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(16 * 1024);
        const write = () => {
          while (res.write(chunk));
        };
        res.on('drain', write);
        write();
        req.on('close', () => res.destroy());
        return;
      }
      if (path === '/declared-huge') return res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) }).end();
      if (path === '/video') return res.writeHead(200, { 'content-type': 'video/mp4' }).end('....');
      if (path === '/missing') return res.writeHead(404, { 'content-type': 'text/html' }).end('no');
      if (path === '/slow') return; // never answers
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const strict = createAddressPolicy([]);
  const loopbackAllowed = createAddressPolicy(['127.0.0.1']);

  it('fetches from an allow-listed address, following a relative redirect', async () => {
    const page = await fetchFromWeb(`${base}/to-page`, loopbackAllowed, LIMITS);
    expect(page.url.pathname).toBe('/page');
    expect(page.mediaType).toBe('text/html');
    expect(page.charset).toBe('utf-8');
    expect(Buffer.from(page.body).toString()).toBe('<p>hello</p>');
  });

  it.each([
    ['127.0.0.1', () => `${base}/page`],
    ['localhost (a host name that resolves to loopback)', () => `http://localhost:${port}/page`],
    ['[::1]', () => `http://[::1]:${port}/page`],
    ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/page`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a 10.x address', () => 'http://10.0.0.1/'],
    ['a 192.168.x address', () => 'http://192.168.1.1/'],
    ['0.0.0.0', () => `http://0.0.0.0:${port}/page`],
    ['a decimal-encoded loopback', () => `http://2130706433:${port}/page`],
  ])('refuses %s without the allow-list, before connecting', async (_, url) => {
    const before = hits.length;
    const error = await refusal(fetchFromWeb(url(), strict, LIMITS));
    expect(error.status).toBe(403);
    expect(error.message).toContain("points inside the server's own network");
    expect(error.message).toContain('URL_FETCH_ALLOW');
    expect(hits.length).toBe(before);
  });

  it('refuses other schemes and addresses with credentials', async () => {
    expect((await refusal(fetchFromWeb('ftp://example.com/file', strict, LIMITS))).message).toContain('Only http and https');
    expect((await refusal(fetchFromWeb('file:///etc/passwd', strict, LIMITS))).message).toContain('Only http and https');
    expect((await refusal(fetchFromWeb('http://user:pw@example.com/', strict, LIMITS))).status).toBe(422);
    expect((await refusal(fetchFromWeb('not a url', strict, LIMITS))).status).toBe(422);
  });

  it('checks every redirect again: an allowed host cannot send the fetch to a private address', async () => {
    // Only the name "localhost" is allowed, not the address 127.0.0.1 it redirects to.
    const byName = createAddressPolicy(['localhost']);
    const local = `http://localhost:${port}`;
    const toPrivate = await refusal(fetchFromWeb(`${local}/to-private`, byName, LIMITS));
    expect(toPrivate.status).toBe(403);
    expect(toPrivate.message).toContain('127.0.0.1');
    const toMetadata = await refusal(fetchFromWeb(`${local}/to-metadata`, byName, LIMITS));
    expect(toMetadata.message).toContain('link-local');
    expect((await refusal(fetchFromWeb(`${local}/to-file`, byName, LIMITS))).message).toContain('Only http and https');
  });

  it('stops after five redirects', async () => {
    const error = await refusal(fetchFromWeb(`${base}/loop`, loopbackAllowed, LIMITS));
    expect(error.message).toContain('redirected more than 5 times');
  });

  it('stops reading past the size limit, declared or streamed', async () => {
    const streamed = await refusal(fetchFromWeb(`${base}/endless`, loopbackAllowed, LIMITS));
    expect(streamed.status).toBe(413);
    expect(streamed.message).toContain('URL_FETCH_MAX_BYTES');
    expect((await refusal(fetchFromWeb(`${base}/declared-huge`, loopbackAllowed, LIMITS))).status).toBe(413);
  });

  it('gives up on a server that does not answer within the time limit', async () => {
    const error = await refusal(fetchFromWeb(`${base}/slow`, loopbackAllowed, { ...LIMITS, timeoutMs: 300 }));
    expect(error.status).toBe(422);
    expect(error.message).toContain('took longer than 0.3 s');
  });

  it('refuses content types no extractor reads, and error pages', async () => {
    expect((await refusal(fetchFromWeb(`${base}/video`, loopbackAllowed, LIMITS))).status).toBe(415);
    const missing = await refusal(fetchFromWeb(`${base}/missing`, loopbackAllowed, LIMITS));
    expect(missing.message).toContain('answered 404');
  });
});
