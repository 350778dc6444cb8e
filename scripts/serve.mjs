// @ts-check
/**
 * The production server (`npm start`): Next.js behind a plain Node HTTP server that answers the original API's
 * hot endpoints (health checks, /chat, /ingest: `hot` in server/http/routes.ts) with the app's own
 * handlers directly. Next.js's router and proxy cost ~2 ms of CPU per request on a small machine, more than a
 * health check or the app's own share of a chat turn; everything else (pages, tRPC, assets, the rest of the
 * API) goes through Next.js unchanged. With WORKERS > 1, that many such servers share the port.
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOSTNAME]      (defaults: $PORT or 3000, $HOST or 127.0.0.1)
 *
 * Plain JavaScript on purpose: it must run with nothing but Node, before and outside the app's bundles. It reads
 * PORT, HOST, WORKERS and the HTTP_* timeouts itself for that reason; the app validates them again with every
 * other setting (so a bad value falls back to its default here and stops the app with the variable named).
 */
import cluster from 'node:cluster';
import path from 'node:path';
import { startServer } from './serve/start-server.mjs';
import { superviseWorkers } from './serve/supervise-workers.mjs';

const option = (/** @type {string} */ short, /** @type {string} */ long) => {
  const i = process.argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seconds = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const value = Number(process.env[name] || fallback);
  return (value > 0 ? value : fallback) * 1000;
};
const port = Number(option('-p', '--port') ?? process.env.PORT ?? 3000);
// Loopback unless told otherwise: HOST=0.0.0.0 (in a container, or behind a reverse proxy on another machine).
const hostname = option('-H', '--hostname') ?? (process.env.HOST || '127.0.0.1');
// Only how many processes to start: a bad value is reported, with every other bad setting, by the app itself.
const workers = Number.parseInt(process.env.WORKERS ?? '', 10);
const timeouts = {
  headersMs: seconds('HTTP_HEADERS_TIMEOUT', 10),
  requestMs: seconds('HTTP_REQUEST_TIMEOUT', 120),
  bodyIdleMs: seconds('HTTP_BODY_IDLE_TIMEOUT', 20),
};

Object.assign(process.env, {
  NODE_ENV: 'production',
  // The app closes its database itself on SIGINT/SIGTERM (server/startup.ts) instead of being cut off mid-write.
  NEXT_MANUAL_SIG_HANDLE: 'true',
});

if (cluster.isPrimary && workers > 1) superviseWorkers({ count: workers, port, hostname });
else await startServer({ root: path.resolve(import.meta.dirname, '..'), port, hostname, timeouts });
