// @ts-check
/**
 * The production server (`npm start`): Next.js behind a plain Node HTTP server that answers the original API's
 * hot endpoints (health checks, /chat, /ingest: the table in server/http/fast-routes.ts) with the app's own
 * handlers directly. Next.js's router and proxy cost ~2 ms of CPU per request on a small machine, more than a
 * health check or the app's own share of a chat turn; everything else (pages, tRPC, assets, the rest of the
 * API) goes through Next.js unchanged.
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOSTNAME]      (defaults: $PORT or 3000, $HOSTNAME or 0.0.0.0)
 *
 * Plain JavaScript on purpose: it must run with nothing but Node, before and outside the app's bundles.
 */
import { createServer } from 'node:http';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const option = (short, long) => {
  const i = process.argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(option('-p', '--port') ?? process.env.PORT ?? 3000);
const hostname = option('-H', '--hostname') ?? process.env.HOSTNAME ?? '0.0.0.0';

process.env.NODE_ENV = 'production';
// The app closes its database itself on SIGINT/SIGTERM (server/startup.ts) instead of being cut off mid-write.
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';
const { default: next } = await import('next');

const app = next({ dev: false, dir: root, hostname, port });
await app.prepare();
const nextHandler = app.getRequestHandler();

/** @typedef {(request: Request) => Promise<Response>} WebHandler */
const ROUTES_KEY = Symbol.for('docent.fastRoutes');
/** Published by instrumentation.ts once the app is loaded; until then every request goes through Next.js. */
const fastRoute = (/** @type {import('node:http').IncomingMessage} */ req) => {
  /** @type {Record<string, WebHandler> | undefined} */
  const routes = /** @type {any} */ (globalThis)[ROUTES_KEY];
  if (!routes) return undefined;
  const q = req.url?.indexOf('?') ?? -1;
  return routes[`${req.method} ${q >= 0 ? req.url?.slice(0, q) : req.url}`];
};

/** Resolves when the socket takes more data again, or is gone. */
function drained(/** @type {import('node:http').ServerResponse} */ res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve(undefined);
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Runs a web handler for a Node request: the body streamed in, the response streamed out with back-pressure. */
async function serveWeb(/** @type {WebHandler} */ handler, /** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
  // The client going away aborts request.signal, as in Next.js: a chat answer then ends as `stopped`.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? /** @type {any} */ (req) : undefined,
    // @ts-expect-error: undici's option for a streamed request body, missing from the DOM types.
    duplex: 'half',
    signal: abort.signal,
  });
  const response = await handler(request);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    let chunk = await reader.read();
    // A body that comes in one piece (JSON) goes out in one write with its length; streams are sent as they come.
    if (!chunk.done && !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const first = chunk.value;
      chunk = await reader.read();
      if (chunk.done) {
        res.setHeader('content-length', first.byteLength);
        res.end(first);
        return;
      }
      res.write(first);
    }
    for (; !chunk.done; chunk = await reader.read()) {
      if (res.destroyed) return;
      // Pieces produced in the same tick (a burst of tokens) leave in one write instead of one syscall each.
      if (res.writableCorked === 0) {
        res.cork();
        process.nextTick(() => res.uncork());
      }
      if (!res.write(chunk.value)) await drained(res);
    }
    res.end();
  } finally {
    // Stops the producer (a chat answer is then stored as `stopped`) when the client left before the end.
    if (!res.writableFinished) await reader.cancel().catch(() => {});
  }
}

const server = createServer((req, res) => {
  const handler = fastRoute(req);
  if (!handler) return void nextHandler(req, res);
  serveWeb(handler, req, res).catch((error) => {
    console.error('docent: fast route failed', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"Something went wrong on our side","code":"INTERNAL_ERROR"}');
    else res.destroy();
  });
});
// Longer than a load balancer's usual idle timeout (60 s), so the balancer, not we, closes idle connections.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(`docent: listening on http://${hostname}:${port}`);
  // The first request loads the app (configuration, migrations, the fast routes): made now, not by a user.
  const self = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  fetch(`http://${self.includes(':') ? `[${self}]` : self}:${port}/api/health`).catch(() => {});
});
