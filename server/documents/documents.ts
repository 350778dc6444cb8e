import { readerFor } from '@/server/read-routing';
import type { Submission } from '@/db/queries/document-submission';
import { requeueDocument } from '@/db/queries/document-submission';
import { deleteDocumentById, getDocument, getDocumentStatuses, listDocuments, type DocumentStatusRow, type DocumentSummary } from '@/db/queries/documents';
import { getVault } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
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

/** The original service's /ingest: raw text, queued for the worker. */
export function ingestText(deps: Deps, caller: UserCaller, input: TextDocument): Promise<Submission> {
  return submitDocument(deps, caller, {
    content: new TextEncoder().encode(input.text),
    mimeType: 'text/plain',
    title: input.title,
    source: input.source,
    metadata: input.metadata ?? {},
    vaultId: input.vaultId,
  });
}

const notFound = (id: string) => new AppError('NOT_FOUND', `Document ${id} does not exist.`);

/** The documents of the vaults the caller may read, newest first. */
export async function findDocuments(deps: Deps & Pick<Services, 'cache'>, caller: UserCaller, options: { vaultId?: string; limit?: number }): Promise<DocumentSummary[]> {
  if (options.vaultId && !(await getVault(deps.db, caller.userId, options.vaultId))) {
    throw new AppError('NOT_FOUND', `Vault ${options.vaultId} does not exist.`);
  }
  return listDocuments(await readerFor(deps, caller.userId), caller.userId, { vaultId: options.vaultId, limit: options.limit ?? 1000 });
}

/**
 * Where many documents stand at once (an upload panel following a folder's 2,000 files asks once a second, not
 * 2,000 times): those the caller cannot read are left out, as if they did not exist.
 */
export function findDocumentStatuses(deps: Deps, caller: UserCaller, ids: readonly string[]): Promise<DocumentStatusRow[]> {
  return getDocumentStatuses(deps.db, caller.userId, ids);
}

export async function requireDocument(deps: Deps, caller: UserCaller, id: string): Promise<DocumentSummary> {
  const document = await getDocument(deps.db, caller.userId, id);
  if (!document) throw notFound(id);
  return document;
}

/** Removes the document and its chunks at once; its cached embeddings stay (they are keyed by text). */
export async function removeDocument(deps: Deps, caller: UserCaller, id: string): Promise<{ deleted: true }> {
  if (await deleteDocumentById(deps.db, caller.userId, id)) return { deleted: true };
  if (await getDocument(deps.db, caller.userId, id)) throw new AppError('FORBIDDEN', 'You can read this vault but not change it.');
  throw notFound(id);
}

/** Processes the stored original again, e.g. after a failure or a change of embedding model. */
export async function reingestDocument(deps: Deps, caller: UserCaller, id: string): Promise<{ documentId: string; status: 'queued' }> {
  if (!(await requeueDocument(deps.db, caller.userId, id))) {
    if (await getDocument(deps.db, caller.userId, id)) throw new AppError('FORBIDDEN', 'You can read this vault but not change it.');
    throw notFound(id);
  }
  wakeIngestWorker();
  return { documentId: id, status: 'queued' };
}
