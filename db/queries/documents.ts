import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Database, Orm } from '../client';
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
  metadata: documents.metadata,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
};

function selectSummaries(db: Database, where: SQL | undefined) {
  return db.orm
    .select(summaryColumns)
    .from(documents)
    .innerJoin(vaults, eq(vaults.id, documents.vaultId))
    .where(where)
    .$dynamic();
}

/** Newest first, optionally within one vault. */
export async function listDocuments(
  db: Database,
  { vaultId, limit }: { vaultId?: string; limit: number },
): Promise<DocumentSummary[]> {
  const rows = await selectSummaries(db, vaultId ? eq(documents.vaultId, vaultId) : undefined)
    .orderBy(desc(documents.createdAt))
    .limit(limit);
  return rows as DocumentSummary[];
}

export async function getDocument(db: Database, id: string): Promise<DocumentSummary | null> {
  const [row] = await selectSummaries(db, eq(documents.id, id));
  return (row as DocumentSummary | undefined) ?? null;
}

/** Deletes the document, its chunks and its jobs in one statement (cascade). */
export function deleteDocumentById(db: Database, id: string): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const deleted = await orm.delete(documents).where(eq(documents.id, id)).returning({ id: documents.id });
    if (deleted.length > 0) await bumpCorpusVersion(orm);
    return deleted.length > 0;
  });
}

export async function setDocumentProgress(db: Database, id: string, progress: number): Promise<void> {
  await db.orm
    .update(documents)
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), updatedAt: new Date() })
    .where(and(eq(documents.id, id), eq(documents.status, 'processing')));
}
