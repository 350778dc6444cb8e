import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase } from '@/test/support/databases';

/**
 * The hot endpoints are answered by the production server's fast path (scripts/serve.mjs) and, under `next dev` or
 * `next start`, by the App Router's catch-all route. Both run the same dispatch; this holds them to it: the same
 * requests to both, on one database, must get the same status, the same headers and bodies of the same shape.
 */

// Transport-level headers, set by whichever HTTP stack sends the bytes: Next.js adds `vary` for its own RSC
// caching and compresses; neither changes what the endpoint answered.
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'vary']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  shape: unknown;
}

/** A value's shape: keys and types, with every leaf value (ids, times, scores) left out. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
  }
  return value === null ? 'null' : typeof value;
}

/** Server-sent events (the original's SSE and the AI SDK's UI stream alike): event names and data shapes in order. */
function eventShapes(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      // The AI SDK's stream ends with a literal `[DONE]`.
      return { event, data: data.startsWith('{') ? shapeOf(JSON.parse(data)) : data };
    });
}

describe('the fast path and the Next.js route answer alike', () => {
  let fast: AppServer;
  let routed: AppServer;
  // One owner on the shared database: the session cookie works on both servers.
  let cookie = '';
  beforeAll(async () => {
    const env = { DATABASE_URL: await createPostgresDatabase(), RESPONSE_CACHE_TTL: '0', MAINTENANCE_INTERVAL_HOURS: '0', ALLOW_ANONYMOUS_API: 'true' };
    fast = await startAppServer(env, 'serve');
    routed = await startAppServer(env, 'next');
    cookie = (await setUpOwner(fast)).cookie;
  });
  afterAll(async () => {
    await Promise.all([fast?.stop(), routed?.stop()]);
  });

  async function ask(server: AppServer, method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const response = await fetch(`${server.url}${path}`, { method, body: init.body, headers: { 'x-request-id': 'parity-check', ...init.headers } });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !TRANSPORT_HEADERS.has(name)));
    const shape = type.startsWith('text/event-stream') ? eventShapes(text) : type.includes('json') && text ? shapeOf(JSON.parse(text)) : text;
    return { status: response.status, headers, shape };
  }

  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

  // Each server gets its own text where a second identical one would be deduplicated.
  const cases: Array<[string, string, string, (server: 'fast' | 'routed') => { body?: string; headers?: Record<string, string> }]> = [
    ['health', 'GET', '/health', () => ({})],
    ['health twin', 'GET', '/api/health', () => ({})],
    ['health, HEAD', 'HEAD', '/health', () => ({})],
    ['ingest, waiting until indexed', 'POST', '/ingest', (s) => json({ text: `The ${s} beacon flashes every ten seconds.`, title: 'Beacon' })],
    ['ingest, respond-async', 'POST', '/ingest', (s) => json({ text: `The ${s} buoy is painted red.` }, { prefer: 'respond-async' })],
    ['ingest twin', 'POST', '/api/ingest', (s) => json({ text: `The ${s} pier is 300 metres long.` })],
    ['ingest, invalid', 'POST', '/ingest', () => json({ text: 42 })],
    ['ingest, not JSON', 'POST', '/ingest', () => ({ body: 'text=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
    ['chat, JSON', 'POST', '/chat', (s) => json({ session_id: `parity-${s}`, message: 'How often does the beacon flash?' })],
    ['chat, server-sent events', 'POST', '/chat', (s) => json({ session_id: `parity-sse-${s}`, message: 'What colour is the buoy?' }, { accept: 'text/event-stream' })],
    ['chat, invalid', 'POST', '/chat', () => json({ session_id: '', message: 'hi' })],
    [
      'the browser chat stream',
      'POST',
      '/api/chat',
      (s) => json({ sessionId: `parity-ui-${s}`, trigger: 'submit-message', message: { parts: [{ type: 'text', text: 'How long is the pier?' }] } }, { cookie }),
    ],
    ['the browser chat stream, signed out', 'POST', '/api/chat', () => json({ sessionId: 'x', trigger: 'submit-message' })],
  ];

  it.each(cases)('%s: %s %s', async (_name, method, path, init) => {
    const [viaFastPath, viaNext] = [await ask(fast, method, path, init('fast')), await ask(routed, method, path, init('routed'))];
    expect(viaFastPath.headers['x-request-id']).toBe('parity-check');
    expect(viaNext).toEqual(viaFastPath);
  });
});
