import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAddressPolicy } from './address-policy';
import { fetchFromWeb } from './safe-fetch';

// The check's DNS answers, by host: names the system resolver has never heard of, so a connection can only reach
// the server through the address the check returned.
const answers = new Map<string, string[]>();
vi.mock('node:dns/promises', () => ({
  lookup: vi.fn(async (host: string) => {
    const found = answers.get(host);
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }),
}));

describe('connecting to the address that was checked', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('pinned'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const limits = { maxBytes: 1024, timeoutMs: 3_000 };

  it('connects to the checked address, not to a second DNS answer', async () => {
    answers.set('intranet.test', ['127.0.0.1']);
    const page = await fetchFromWeb(`http://intranet.test:${port}/`, createAddressPolicy(['127.0.0.0/8']), limits);
    expect(Buffer.from(page.body).toString()).toBe('pinned');
  });

  it('refuses a host when any one of its addresses is private', async () => {
    answers.set('mixed.test', ['93.184.215.14', '10.0.0.7']);
    await expect(fetchFromWeb(`http://mixed.test:${port}/`, createAddressPolicy([]), limits)).rejects.toThrow(/10\.0\.0\.7/);
  });

  it('says when a host cannot be found', async () => {
    await expect(fetchFromWeb('http://nowhere.test/', createAddressPolicy([]), limits)).rejects.toThrow('could not be found');
  });
});
