import type { Submission } from '@/db/queries/document-submission';
import { requeueDocument } from '@/db/queries/document-submission';
import { deleteDocumentById, getDocument, listDocuments, type DocumentSummary } from '@/db/queries/documents';
import { getVault } from '@/db/queries/vaults';
import { AppError } from '@/server/errors';
import { submitDocument } from '@/server/ingest/submit';
import { wakeIngestWorker } from '@/server/ingest/worker-process';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db' | 'config'>;

export interface TextDocument {
  text: string;
  title?: string | null;
  source?: string | null;
  metadata?: Record<string, unknown> | null;
  vaultId?: string | null;
}

/** The original service's /ingest: raw text, now queued instead of embedded while the client waits. */
export function ingestText(deps: Deps, input: TextDocument): Promise<Submission> {
  return submitDocument(deps, {
    content: new TextEncoder().encode(input.text),
    mimeType: 'text/plain',
    title: input.title,
    source: input.source,
    metadata: input.metadata ?? {},
    vaultId: input.vaultId,
  });
}

export async function findDocuments(deps: Deps, options: { vaultId?: string; limit?: number }): Promise<DocumentSummary[]> {
  if (options.vaultId && !(await getVault(deps.db, options.vaultId))) {
    throw new AppError('NOT_FOUND', `Vault ${options.vaultId} does not exist.`);
  }
  return listDocuments(deps.db, { vaultId: options.vaultId, limit: options.limit ?? 1000 });
}

export async function requireDocument(deps: Deps, id: string): Promise<DocumentSummary> {
  const document = await getDocument(deps.db, id);
  if (!document) throw new AppError('NOT_FOUND', `Document ${id} does not exist.`);
  return document;
}

/** Removes the document and its chunks at once; its cached embeddings stay (they are keyed by text). */
export async function removeDocument(deps: Deps, id: string): Promise<{ deleted: true }> {
  if (!(await deleteDocumentById(deps.db, id))) throw new AppError('NOT_FOUND', `Document ${id} does not exist.`);
  return { deleted: true };
}

/** Processes the stored original again, e.g. after a failure or a change of embedding model. */
export async function reingestDocument(deps: Deps, id: string): Promise<{ documentId: string; status: 'queued' }> {
  if (!(await requeueDocument(deps.db, id))) throw new AppError('NOT_FOUND', `Document ${id} does not exist.`);
  wakeIngestWorker();
  return { documentId: id, status: 'queued' };
}
