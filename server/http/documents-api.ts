import { z } from 'zod';
import type { DocumentSummary } from '@/db/queries/documents';
import { requireUser } from '@/server/auth/caller';
import { cancelDocument, cancelDocumentBatch } from '@/server/documents/cancel';
import { findDocumentStatuses, findDocuments, ingestText, reingestDocument, removeDocument, requireDocument } from '@/server/documents/documents';
import { documentMetadata, documentSource, documentText, documentTitle, id } from '@/server/documents/schemas';
import { AppError } from '@/server/errors';
import { waitUntilSettled } from '@/server/ingest/wait-until-settled';
import { getServices } from '@/server/services';
import { idParam } from './id-param';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

/** The original service's document endpoints: snake_case JSON, `{ error, detail, code }` errors. */

const ingestBody = z.object({
  text: documentText,
  title: documentTitle,
  source: documentSource,
  metadata: documentMetadata,
  vault_id: id.nullish(),
});

function documentJson(d: DocumentSummary) {
  return {
    document_id: d.id,
    title: d.title,
    source: d.source,
    vault_id: d.vaultId,
    vault_name: d.vaultName,
    status: d.status,
    progress: d.progress,
    error: d.error,
    chunk_count: d.chunkCount,
    page_count: d.pageCount,
    tags: d.tags,
    size_bytes: d.sizeBytes,
    mime_type: d.mimeType,
    metadata: d.metadata,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

/** RFC 7240: `Prefer: respond-async` asks for the answer as soon as the work is accepted. */
function prefersAsync(request: Request): boolean {
  return /(^|[\s,;])respond-async\b/i.test(request.headers.get('prefer') ?? '');
}

/**
 * POST /ingest. As in the original service, it answers once the text is searchable: `"indexed"`. Clients that
 * would rather not wait (the upload page, bulk loaders) send `Prefer: respond-async` and get 202 `"queued"` at
 * once. Past REQUEST_TIMEOUT the wait ends with 202 and the document's current status: it is kept and finishes
 * in the background (GET /documents/{id} follows it).
 */
export const postIngest: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const user = requireUser(caller);
  const body = await readJson(request, ingestBody, services.config.maxRequestBytes);
  const submission = await ingestText(services, user, { ...body, vaultId: body.vault_id });
  const accepted = { document_id: submission.documentId, deduplicated: submission.deduplicated, replaced: submission.replaced };
  if (prefersAsync(request)) {
    return Response.json({ ...accepted, status: submission.status }, { status: 202, headers: { 'preference-applied': 'respond-async' } });
  }
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(services.config.requestTimeoutMs)]);
  const document = await waitUntilSettled(services, user, submission.documentId, signal);
  if (document.status === 'ready') return Response.json({ ...accepted, status: 'indexed', chunk_count: document.chunkCount });
  if (document.status === 'failed') {
    throw new AppError('DOCUMENT_INGEST_ERROR', document.error ?? 'The document could not be indexed.', {
      document_id: document.id,
      status: 'failed',
    });
  }
  return Response.json({ ...accepted, status: document.status }, { status: 202 });
};

export const getDocuments: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const vaultId = new URL(request.url).searchParams.get('vault_id') ?? undefined;
  if (vaultId !== undefined && !id.safeParse(vaultId).success) {
    throw new AppError('VALIDATION_ERROR', 'Invalid request: vault_id: must be a UUID', [{ field: 'vault_id', message: 'must be a UUID' }]);
  }
  const documents = await findDocuments(services, requireUser(caller), { vaultId });
  return Response.json({ documents: documents.map(documentJson) });
};

export const getDocument: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  return Response.json(documentJson(await requireDocument(services, requireUser(caller), idParam(params, 'Document'))));
};

export const deleteDocument: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  const documentId = idParam(params, 'Document');
  await removeDocument(services, requireUser(caller), documentId);
  return Response.json({ document_id: documentId, deleted: true });
};

const cancelBody = z.object({ document_ids: z.array(id).min(1, 'must name at least one document').max(5_000, 'must name at most 5000 documents') });
const statusesBody = cancelBody;

/**
 * POST /api/documents/statuses `{ document_ids }`: where each stands (`status`, `error`, `title`), in one request;
 * a POST because a folder's ids do not fit in a URL. Documents the caller cannot read are left out.
 */
export const postDocumentStatuses: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, statusesBody, services.config.maxRequestBytes);
  const rows = await findDocumentStatuses(services, requireUser(caller), body.document_ids);
  return Response.json({ documents: rows.map((row) => ({ document_id: row.id, status: row.status, error: row.error, title: row.title })) });
};

/** POST /api/documents/{id}/cancel: stops a queued or processing document; it ends failed, "Cancelled by you.". */
export const postCancelDocument: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  const { cancelled, ...document } = await cancelDocument(services, requireUser(caller), idParam(params, 'Document'));
  return Response.json({ ...documentJson(document), cancelled });
};

/** POST /api/documents/cancel `{ document_ids }`: cancels those still queued or processing that the caller may change. */
export const postCancelDocuments: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, cancelBody, services.config.maxRequestBytes);
  const { cancelled } = await cancelDocumentBatch(services, requireUser(caller), body.document_ids);
  return Response.json({ cancelled });
};

/** POST /api/documents/{id}/retry: processes the stored original again (after a failure or a cancel). */
export const postRetryDocument: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  const { documentId, status } = await reingestDocument(services, requireUser(caller), idParam(params, 'Document'));
  return Response.json({ document_id: documentId, status }, { status: 202 });
};
