import { getMetrics, postLogin, postLogout } from './admin-api';
import { deleteAgent, getAgent, getAgents, postAgent } from './agents-api';
import { postChat, postChatStream } from './chat-api';
import { deleteDocument, getDocument, getDocuments, postIngest } from './documents-api';
import { getHealth } from './health';
import type { Route } from './route-table';
import { postUpload } from './upload-api';
import { deleteVault, getVault, getVaults, postVault } from './vaults-api';

/**
 * Every HTTP endpoint but tRPC, declared once. The App Router serves them all through one catch-all route
 * (app/(api)/[...path]/route.ts), the production server answers the `hot` ones itself (server/http/fast-path.ts),
 * and both go through the same dispatch (server/http/dispatch.ts): request id, metrics, log line, errors.
 * To add an endpoint: write its handler in a `*-api.ts` file here and add one line below.
 */
export const ROUTES: readonly Route[] = [
  // The original service's API, each with its /api twin.
  { method: 'GET', paths: ['/health', '/api/health'], handler: getHealth, hot: true },
  { method: 'POST', paths: ['/chat'], handler: postChat, hot: true, limit: 'chat' },
  { method: 'POST', paths: ['/ingest', '/api/ingest'], handler: postIngest, hot: true, limit: 'ingest' },
  // GET /documents is the library page for browsers; proxy.ts sends API clients here (/api/documents).
  { method: 'GET', paths: ['/api/documents'], handler: getDocuments },
  { method: 'GET', paths: ['/documents/[id]', '/api/documents/[id]'], handler: getDocument },
  { method: 'DELETE', paths: ['/documents/[id]', '/api/documents/[id]'], handler: deleteDocument },
  { method: 'GET', paths: ['/vaults', '/api/vaults'], handler: getVaults },
  { method: 'POST', paths: ['/vaults', '/api/vaults'], handler: postVault },
  { method: 'GET', paths: ['/vaults/[id]', '/api/vaults/[id]'], handler: getVault },
  { method: 'DELETE', paths: ['/vaults/[id]', '/api/vaults/[id]'], handler: deleteVault },
  { method: 'GET', paths: ['/agents', '/api/agents'], handler: getAgents },
  { method: 'POST', paths: ['/agents', '/api/agents'], handler: postAgent },
  { method: 'GET', paths: ['/agents/[id]', '/api/agents/[id]'], handler: getAgent },
  { method: 'DELETE', paths: ['/agents/[id]', '/api/agents/[id]'], handler: deleteAgent },

  // The app's own endpoints.
  { method: 'POST', paths: ['/api/chat'], handler: postChatStream, hot: true, limit: 'chat' },
  { method: 'POST', paths: ['/api/documents/upload'], handler: postUpload, limit: 'upload' },
  { method: 'POST', paths: ['/api/admin/login'], handler: postLogin },
  { method: 'POST', paths: ['/api/admin/logout'], handler: postLogout },
  { method: 'GET', paths: ['/metrics'], handler: getMetrics },
];
