// @ts-check
/**
 * The production server (`npm start`): Next.js behind a plain Node HTTP server that answers the original API's
 * hot endpoints (health checks, /chat, /ingest: `hot` in server/http/routes.ts) with the app's own
 * handlers directly. Next.js's router and proxy cost ~2 ms of CPU per request on a small machine, more than a
 * health check or the app's own share of a chat turn; everything else (pages, tRPC, assets, the rest of the
 * API) goes through Next.js unchanged. With WORKERS > 1, that many such servers share the port.
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOSTNAME]      (defaults: $PORT or 3000, every interface, as `next start`)
 *
 * Plain JavaScript on purpose: it must run with nothing but Node, before and outside the app's bundles. It reads
 * PORT and WORKERS itself for that reason; the app validates them again with every other setting.
 */
import cluster from 'node:cluster';
import path from 'node:path';
import { startServer } from './serve/start-server.mjs';
import { superviseWorkers } from './serve/supervise-workers.mjs';

const option = (/** @type {string} */ short, /** @type {string} */ long) => {
  const i = process.argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(option('-p', '--port') ?? process.env.PORT ?? 3000);
const hostname = option('-H', '--hostname');
// Only how many processes to start: a bad value is reported, with every other bad setting, by the app itself.
const workers = Number.parseInt(process.env.WORKERS ?? '', 10);

Object.assign(process.env, {
  NODE_ENV: 'production',
  // The app closes its database itself on SIGINT/SIGTERM (server/startup.ts) instead of being cut off mid-write.
  NEXT_MANUAL_SIG_HANDLE: 'true',
});

if (cluster.isPrimary && workers > 1) superviseWorkers({ count: workers, port, hostname });
else await startServer({ root: path.resolve(import.meta.dirname, '..'), port, hostname });
