// @ts-check
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { fastRoutes, MESSAGE, publishDrain } from '../../server/serve-contract.mjs';
import { limitBodyIdle, markClientAddress, refuseUnreadablePath } from './request-guards.mjs';
import { serveWeb } from './serve-web.mjs';

/** The app's own handler for this request (its hot routes, once it is loaded), or undefined for Next.js. */
function fastRoute(/** @type {import('node:http').IncomingMessage} */ req) {
  const routes = fastRoutes();
  if (!routes || !req.url || !req.method) return undefined;
  const q = req.url.indexOf('?');
  return routes(req.method, q >= 0 ? req.url.slice(0, q) : req.url);
}

/**
 * How long a client may take: to send its headers, its whole request, and between two pieces of its body. Short
 * enough that a slowloris client cannot hold connections open for long, long enough for a large upload.
 * @typedef {{ headersMs: number; requestMs: number; bodyIdleMs: number }} Timeouts
 */

/**
 * Next.js behind a plain Node HTTP server: the app's hot endpoints answered directly, the rest by Next.js. In a
 * cluster worker the port is shared with the other workers (node:cluster hands out the connections).
 */
export async function startServer(
  /** @type {{ root: string; port: number; hostname: string; timeouts: Timeouts }} */ { root, port, hostname, timeouts },
) {
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();

  /** @type {import('node:http').RequestListener} */
  const handle = (req, res) => {
    if (refuseUnreadablePath(req, res)) return;
    markClientAddress(req);
    limitBodyIdle(req, res, timeouts.bodyIdleMs);
    const handler = fastRoute(req);
    if (!handler) return void nextHandler(req, res);
    serveWeb(handler, req, res).catch((error) => {
      console.error('docent: fast route failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"Something went wrong on our side","code":"INTERNAL_ERROR"}');
      else res.destroy();
    });
  };

  // Node checks the header and request deadlines every `connectionsCheckingInterval` (30 s by default, which
  // would let a slowloris client hold a connection three times longer than HTTP_HEADERS_TIMEOUT says).
  const server = createServer({ connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs) }, handle);
  // Longer than a load balancer's usual idle timeout (60 s), so the balancer, not we, closes idle connections.
  // Idle time between keep-alive requests does not count towards the header deadline (Node 18+).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = Math.max(timeouts.requestMs, timeouts.headersMs);
  await new Promise((resolve) => server.listen(port, hostname, () => resolve(undefined)));
  publishDrain(() => drain(server));
  await warmUp(handle);
  if (cluster.isWorker) process.send?.({ type: MESSAGE.ready });
  else console.log(`docent: listening on http://${hostname}:${port}`);
}

/**
 * Stops taking connections and resolves once the requests in flight have been answered. A keep-alive connection
 * that finishes its request becomes idle and is closed then, instead of waiting for a next request.
 */
function drain(/** @type {import('node:http').Server} */ server) {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve(undefined);
    });
    server.closeIdleConnections();
  });
}

/**
 * The first request loads the app (configuration, migrations, the fast routes): made now, not by a user, and
 * on a private listener so that it reaches this process even when workers share the public port.
 */
async function warmUp(/** @type {import('node:http').RequestListener} */ handle) {
  const local = createServer(handle);
  await new Promise((resolve) => local.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => resolve(undefined)));
  try {
    const address = /** @type {import('node:net').AddressInfo} */ (local.address());
    await fetch(`http://127.0.0.1:${address.port}/api/health`).then((r) => r.arrayBuffer());
  } catch {
    // The app reports its own start-up problems; a failed warm-up only means the first user pays for it.
  } finally {
    local.close();
    local.closeAllConnections();
  }
}
