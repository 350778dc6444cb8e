import { getDocument, type DocumentSummary } from '@/db/queries/documents';
import {
  getOcrPages,
  getOriginalFile,
  getOriginalFileInfo,
  listDocumentChunks,
  listIngestAttempts,
  type DocumentChunk,
  type IngestAttempt,
  type OriginalFileInfo,
} from '@/db/queries/document-viewer';
import { getVault } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

export interface DocumentView {
  document: DocumentSummary;
  /** Null only when no original is kept (documents from before originals were stored are none such today). */
  original: OriginalFileInfo | null;
  attempts: IngestAttempt[];
  chunks: DocumentChunk[];
  /** Pages (an image is page 1) whose text was recognised from a picture of them (OCR). */
  ocrPages: number[];
  /** The caller may write the document's vault: edit and exclude its chunks, tag and re-ingest it. */
  canEdit: boolean;
}

const notFound = (id: string) => new AppError('NOT_FOUND', `Document ${id} does not exist.`);

/** Everything the viewer shows, read only if the caller may read the document's vault (else 404, as for none). */
export async function viewDocument(deps: Deps, caller: UserCaller, id: string): Promise<DocumentView> {
  const document = await getDocument(deps.db, caller.userId, id);
  if (!document) throw notFound(id);
  const [original, attempts, chunks, ocrPages, vault] = await Promise.all([
    getOriginalFileInfo(deps.db, caller.userId, id),
    listIngestAttempts(deps.db, caller.userId, id),
    listDocumentChunks(deps.db, caller.userId, id),
    getOcrPages(deps.db, caller.userId, id),
    getVault(deps.db, caller.userId, document.vaultId),
  ]);
  return { document, original, attempts, chunks, ocrPages, canEdit: vault !== null && vault.access !== 'read' };
}

/** The original bytes, for the download endpoint; 404 when the caller may not read the document. */
export async function readOriginalFile(deps: Deps, caller: UserCaller, id: string) {
  const original = await getOriginalFile(deps.db, caller.userId, id);
  if (!original) throw notFound(id);
  return original;
}
