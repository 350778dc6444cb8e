import { z } from 'zod';
import type { WebFetchStatus } from '@/db/queries/web-fetches';
import { requireUser } from '@/server/auth/caller';
import { id } from '@/server/documents/schemas';
import { getServices } from '@/server/services';
import { crawlDepth, crawlPages, refreshHours, webUrl } from '@/server/web/schemas';
import { refetchDocument, setRefreshInterval, submitWebFetch, webFetchStatus } from '@/server/web/web-documents';
import { idParam } from './id-param';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

/** Web pages as documents: fetched by the web fetch worker, so every write answers 202 with a fetch to follow. */

const webFetchBody = z.object({
  url: webUrl,
  vault_id: id.nullish(),
  follow_links: z.object({ depth: crawlDepth, max_pages: crawlPages }).nullish(),
});

function fetchJson(fetch: WebFetchStatus) {
  return {
    fetch_id: fetch.id,
    url: fetch.url,
    vault_id: fetch.vaultId,
    document_id: fetch.documentId,
    status: fetch.status,
    max_depth: fetch.maxDepth,
    max_pages: fetch.maxPages,
    pages_found: fetch.pagesFound,
    pages_fetched: fetch.pagesFetched,
    pages_failed: fetch.pagesFailed,
    failures: fetch.failures,
    error: fetch.error,
    created_at: fetch.createdAt.toISOString(),
    finished_at: fetch.finishedAt?.toISOString() ?? null,
  };
}

const accepted = (fetchId: string) =>
  Response.json({ fetch_id: fetchId, status: 'queued' }, { status: 202, headers: { location: `/api/documents/url/${fetchId}` } });

/** POST /api/documents/url: a page, and optionally the same-site pages it links to. */
export const postWebFetch: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, webFetchBody, services.config.maxRequestBytes);
  const followLinks = body.follow_links ? { depth: body.follow_links.depth, maxPages: body.follow_links.max_pages } : null;
  const { fetchId } = await submitWebFetch(services, requireUser(caller), { url: body.url, vaultId: body.vault_id, followLinks });
  return accepted(fetchId);
};

/** GET /api/documents/url/{id}: how far a fetch has got (pages found, fetched, failed with their reasons). */
export const getWebFetch: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  return Response.json(fetchJson(await webFetchStatus(services, requireUser(caller), idParam(params, 'Web fetch'))));
};

/** POST /api/documents/{id}/refetch: fetches a web document again, replacing its content under the same id. */
export const postRefetch: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  const { fetchId } = await refetchDocument(services, requireUser(caller), idParam(params, 'Document'));
  return accepted(fetchId);
};

/** PUT /api/documents/{id}/refresh: `{ refresh_hours }`, this page's own schedule (null: the server's). */
export const putRefreshInterval: RouteHandler = async (request, { params, caller }) => {
  const services = await getServices();
  const documentId = idParam(params, 'Document');
  const body = await readJson(request, z.object({ refresh_hours: refreshHours }), services.config.maxRequestBytes);
  await setRefreshInterval(services, requireUser(caller), documentId, body.refresh_hours);
  return Response.json({ document_id: documentId, refresh_hours: body.refresh_hours });
};
