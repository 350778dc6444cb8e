import { postChat, postChatStream } from './chat-api';
import { postIngest } from './documents-api';
import { healthResponse } from './health';

/**
 * The endpoints every API client and load balancer hits, by "METHOD /path": the production server
 * (scripts/serve.mjs) answers them with these handlers directly, skipping Next.js's router and proxy, which
 * cost more per request than a health check or the app's own share of a chat turn. The App Router routes
 * under app/ call the same handlers, so `next dev`, `next start` and the production server answer alike.
 */
export const FAST_ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  'GET /health': healthResponse,
  'GET /api/health': healthResponse,
  'POST /chat': (request) => postChat(request, undefined),
  'POST /api/chat': (request) => postChatStream(request, undefined),
  'POST /ingest': (request) => postIngest(request, undefined),
  'POST /api/ingest': (request) => postIngest(request, undefined),
};

const KEY = Symbol.for('docent.fastRoutes');

/** Hands the table to scripts/serve.mjs, which loads outside Next.js's bundles and finds it on globalThis. */
export function publishFastRoutes(): void {
  (globalThis as unknown as { [KEY]?: typeof FAST_ROUTES })[KEY] = FAST_ROUTES;
}
