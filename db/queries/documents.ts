import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { readableVaults, writableVaults } from './access';
import { bumpCorpusVersion } from './corpus-version';
import { documents, vaults } from '../schema';

type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed';

export interface DocumentSummary {
  id: string;
  title: string;
  source: string | null;
  vaultId: string;
  vaultName: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  chunkCount: number;
  /** The last page a chunk came from (PDFs); null for formats without pages. */
  pageCount: number | null;
  tags: string[];
  metadata: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

const summaryColumns = {
  id: documents.id,
  title: documents.title,
  source: documents.source,
  vaultId: documents.vaultId,
  vaultName: vaults.name,
  status: documents.status,
  progress: documents.progress,
  error: documents.error,
  mimeType: documents.mimeType,
  sizeBytes: documents.sizeBytes,
  chunkCount: documents.chunkCount,
  pageCount: documents.pageCount,
  tags: documents.tags,
  metadata: documents.metadata,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
};

/** Documents follow their vault: only those in vaults `userId` may read, checked in the query. */
function selectSummaries(db: Database, userId: string, where: SQL | undefined) {
  return db.orm
    .select(summaryColumns)
    .from(documents)
    .innerJoin(vaults, eq(vaults.id, documents.vaultId))
    .where(and(sql`${documents.vaultId} IN ${readableVaults(userId)}`, where))
    .$dynamic();
}

/** Newest first, optionally within one vault. */
export async function listDocuments(
  db: Database,
  userId: string,
  { vaultId, limit }: { vaultId?: string; limit: number },
): Promise<DocumentSummary[]> {
  const rows = await selectSummaries(db, userId, vaultId ? eq(documents.vaultId, vaultId) : undefined)
    .orderBy(desc(documents.createdAt))
    .limit(limit);
  return rows as DocumentSummary[];
}

/** Null when it does not exist or its vault is not readable by `userId`. */
export async function getDocument(db: Database, userId: string, id: string): Promise<DocumentSummary | null> {
  const [row] = await selectSummaries(db, userId, eq(documents.id, id));
  return (row as DocumentSummary | undefined) ?? null;
}

export type DocumentStatusRow = Pick<DocumentSummary, 'id' | 'status' | 'error' | 'title'>;

/** Where each of `ids` stands, in one statement: those that do not exist or that `userId` may not read are left out. */
export async function getDocumentStatuses(db: Database, userId: string, ids: readonly string[]): Promise<DocumentStatusRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm
    .select({ id: documents.id, status: documents.status, error: documents.error, title: documents.title })
    .from(documents)
    .where(and(inArray(documents.id, [...ids]), sql`${documents.vaultId} IN ${readableVaults(userId)}`));
  return rows as DocumentStatusRow[];
}

/** Deletes the document, its chunks and its jobs (cascade) if `userId` may write its vault. */
export function deleteDocumentById(db: Database, userId: string, id: string): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const deleted = await orm
      .delete(documents)
      .where(and(eq(documents.id, id), sql`${documents.vaultId} IN ${writableVaults(userId)}`))
      .returning({ id: documents.id });
    if (deleted.length > 0) await bumpCorpusVersion(orm);
    return deleted.length > 0;
  });
}

/** Records a processing document's progress; false when it is no longer processing (cancelled, replaced, deleted). */
export async function setDocumentProgress(db: Database, id: string, progress: number): Promise<boolean> {
  const updated = await db.orm
    .update(documents)
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), updatedAt: new Date() })
    .where(and(eq(documents.id, id), eq(documents.status, 'processing')))
    .returning({ id: documents.id });
  return updated.length > 0;
}
