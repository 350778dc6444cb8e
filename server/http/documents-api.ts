import { z } from 'zod';
import type { DocumentSummary } from '@/db/queries/documents';
import { findDocuments, ingestText, removeDocument, requireDocument } from '@/server/documents/documents';
import { documentMetadata, documentSource, documentText, documentTitle, id } from '@/server/documents/schemas';
import { AppError } from '@/server/errors';
import { getServices } from '@/server/services';
import { apiRoute, readJson } from './respond';

/** The original service's document endpoints: snake_case JSON, `{ error, detail, code }` errors. */

const ingestBody = z.object({
  text: documentText,
  title: documentTitle,
  source: documentSource,
  metadata: documentMetadata,
  vault_id: id.nullish(),
});

export function documentJson(d: DocumentSummary) {
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
    size_bytes: d.sizeBytes,
    mime_type: d.mimeType,
    metadata: d.metadata,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

type IdParams = { params: Promise<{ id: string }> };

/** Ids that are not UUIDs cannot exist: 404, like any other unknown id. */
export async function idParam(context: IdParams, what: string): Promise<string> {
  const { id: raw } = await context.params;
  if (!id.safeParse(raw).success) throw new AppError('NOT_FOUND', `${what} ${raw} does not exist.`);
  return raw;
}

export const postIngest = apiRoute('/ingest', async (request) => {
  const services = await getServices();
  const body = await readJson(request, ingestBody, services.config.maxRequestBytes);
  const submission = await ingestText(services, { ...body, vaultId: body.vault_id });
  return Response.json({
    document_id: submission.documentId,
    status: submission.status,
    deduplicated: submission.deduplicated,
    replaced: submission.replaced,
  });
});

export const getDocuments = apiRoute('/documents', async (request) => {
  const services = await getServices();
  const vaultId = new URL(request.url).searchParams.get('vault_id') ?? undefined;
  if (vaultId !== undefined && !id.safeParse(vaultId).success) {
    throw new AppError('VALIDATION_ERROR', 'Invalid request: vault_id: must be a UUID', [{ field: 'vault_id', message: 'must be a UUID' }]);
  }
  const documents = await findDocuments(services, { vaultId });
  return Response.json({ documents: documents.map(documentJson) });
});

export const getDocument = apiRoute<IdParams>('/documents/[id]', async (_request, context) => {
  const services = await getServices();
  return Response.json(documentJson(await requireDocument(services, await idParam(context, 'Document'))));
});

export const deleteDocument = apiRoute<IdParams>('/documents/[id]', async (_request, context) => {
  const services = await getServices();
  const documentId = await idParam(context, 'Document');
  await removeDocument(services, documentId);
  return Response.json({ document_id: documentId, deleted: true });
});
