import { getMetrics } from './admin-api';
import { deleteAgent, getAgent, getAgents, postAgent } from './agents-api';
import { authEndpoints, postSetup } from './auth-api';
import { postChat, postChatStream } from './chat-api';
import {
  deleteDocument,
  getDocument,
  getDocuments,
  postCancelDocument,
  postCancelDocuments,
  postDocumentStatuses,
  postIngest,
  postRetryDocument,
} from './documents-api';
import { getFeedbackExport } from './feedback-api';
import { getHealth } from './health';
import { getOriginalFile } from './original-file-api';
import { getPdfWorker } from './pdf-worker-api';
import type { Route } from './route-table';
import { postUpload } from './upload-api';
import { deleteVault, getVault, getVaults, postVault } from './vaults-api';
import { getWebFetch, postRefetch, postWebFetch, putRefreshInterval } from './web-api';

/**
 * Every HTTP endpoint but tRPC, declared once. The App Router serves them all through one catch-all route
 * (app/(api)/[...path]/route.ts), the production server answers the `hot` ones itself (server/http/fast-path.ts),
 * and both go through the same dispatch (server/http/dispatch.ts): who is asking (`auth`), request id, metrics,
 * log line, errors. To add an endpoint: write its handler in a `*-api.ts` file here and add one line below.
 */
export const ROUTES: readonly Route[] = [
  // The original service's API, each with its /api twin; `anonymous`: open without credentials when an operator
  // sets ALLOW_ANONYMOUS_API.
  { method: 'GET', paths: ['/health', '/api/health'], handler: getHealth, auth: 'public', hot: true },
  { method: 'POST', paths: ['/chat'], handler: postChat, auth: 'chat', anonymous: true, hot: true, limit: 'chat' },
  { method: 'POST', paths: ['/ingest', '/api/ingest'], handler: postIngest, auth: 'ingest', anonymous: true, hot: true, limit: 'ingest' },
  // GET /documents is the library page for browsers; proxy.ts sends API clients here (/api/documents).
  { method: 'GET', paths: ['/api/documents'], handler: getDocuments, auth: 'read', anonymous: true },
  { method: 'GET', paths: ['/documents/[id]', '/api/documents/[id]'], handler: getDocument, auth: 'read', anonymous: true },
  { method: 'DELETE', paths: ['/documents/[id]', '/api/documents/[id]'], handler: deleteDocument, auth: 'ingest', anonymous: true },
  { method: 'GET', paths: ['/vaults', '/api/vaults'], handler: getVaults, auth: 'read', anonymous: true },
  { method: 'POST', paths: ['/vaults', '/api/vaults'], handler: postVault, auth: 'ingest', anonymous: true },
  { method: 'GET', paths: ['/vaults/[id]', '/api/vaults/[id]'], handler: getVault, auth: 'read', anonymous: true },
  { method: 'DELETE', paths: ['/vaults/[id]', '/api/vaults/[id]'], handler: deleteVault, auth: 'ingest', anonymous: true },
  { method: 'GET', paths: ['/agents', '/api/agents'], handler: getAgents, auth: 'read', anonymous: true },
  { method: 'POST', paths: ['/agents', '/api/agents'], handler: postAgent, auth: 'ingest', anonymous: true },
  { method: 'GET', paths: ['/agents/[id]', '/api/agents/[id]'], handler: getAgent, auth: 'read', anonymous: true },
  { method: 'DELETE', paths: ['/agents/[id]', '/api/agents/[id]'], handler: deleteAgent, auth: 'ingest', anonymous: true },

  // The app's own endpoints.
  { method: 'POST', paths: ['/api/chat'], handler: postChatStream, auth: 'chat', hot: true, limit: 'chat' },
  { method: 'POST', paths: ['/api/documents/upload'], handler: postUpload, auth: 'ingest', limit: 'upload' },
  { method: 'GET', paths: ['/api/documents/[id]/original'], handler: getOriginalFile, auth: 'read' },
  { method: 'POST', paths: ['/api/documents/url'], handler: postWebFetch, auth: 'ingest', limit: 'ingest' },
  { method: 'GET', paths: ['/api/documents/url/[id]'], handler: getWebFetch, auth: 'read' },
  { method: 'POST', paths: ['/api/documents/[id]/refetch'], handler: postRefetch, auth: 'ingest', limit: 'ingest' },
  { method: 'PUT', paths: ['/api/documents/[id]/refresh'], handler: putRefreshInterval, auth: 'ingest' },
  { method: 'POST', paths: ['/api/documents/[id]/cancel'], handler: postCancelDocument, auth: 'ingest' },
  { method: 'POST', paths: ['/api/documents/cancel'], handler: postCancelDocuments, auth: 'ingest' },
  { method: 'POST', paths: ['/api/documents/statuses'], handler: postDocumentStatuses, auth: 'read' },
  { method: 'POST', paths: ['/api/documents/[id]/retry'], handler: postRetryDocument, auth: 'ingest' },
  { method: 'GET', paths: ['/api/pdf-worker.mjs'], handler: getPdfWorker, auth: 'public' },
  { method: 'GET', paths: ['/api/auth/[...rest]'], handler: authEndpoints, auth: 'public' },
  { method: 'POST', paths: ['/api/auth/[...rest]'], handler: authEndpoints, auth: 'public' },
  { method: 'POST', paths: ['/api/setup'], handler: postSetup, auth: 'public' },
  { method: 'GET', paths: ['/api/feedback/export'], handler: getFeedbackExport, auth: 'operator' },
  // Checks the admin session or token itself: METRICS_PUBLIC=true opens it to scrapers without one.
  { method: 'GET', paths: ['/metrics'], handler: getMetrics, auth: 'public' },
];
