import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { isUniqueViolation } from '../errors';
import { writableVaults } from './access';
import { documents, ingestJobs } from '../schema';

export interface DocumentVersion {
  vaultId: string;
  title: string;
  source: string | null;
  metadata: Record<string, unknown>;
  contentHash: string;
  mimeType: string | null;
  sizeBytes: number;
  filename: string | null;
  /** The title the submitter chose; null lets the worker use the one found in the file. */
  explicitTitle: string | null;
  content: Uint8Array;
}

export interface Submission {
  documentId: string;
  status: 'queued' | 'processing' | 'ready' | 'failed';
  /** The same content was already in the vault: nothing new was stored. */
  deduplicated: boolean;
  /** A document with the same source was replaced (atomically, when the new version is ready). */
  replaced: boolean;
  /** The document's title: for a duplicate, the title of the one already there. */
  title: string;
}

type DocumentRow = { id: string; status: string; title: string };
type JobInput = Pick<DocumentVersion, 'filename' | 'mimeType' | 'explicitTitle' | 'contentHash' | 'content'>;

async function enqueueJob(orm: Orm, documentId: string, job: JobInput): Promise<void> {
  // A newer version supersedes work still pending for the older one.
  await orm
    .update(ingestJobs)
    .set({ status: 'failed', error: 'Superseded by a newer version', finishedAt: new Date(), lockedBy: null })
    .where(and(eq(ingestJobs.documentId, documentId), inArray(ingestJobs.status, ['queued', 'running'])));
  await orm.insert(ingestJobs).values({
    documentId,
    filename: job.filename,
    mimeType: job.mimeType,
    title: job.explicitTitle,
    contentHash: job.contentHash,
    content: job.content,
  });
}

function documentFields(version: DocumentVersion) {
  return {
    title: version.title,
    metadata: version.metadata,
    contentHash: version.contentHash,
    mimeType: version.mimeType,
    sizeBytes: version.sizeBytes,
    status: 'queued',
    progress: 0,
    error: null,
    updatedAt: new Date(),
  };
}

async function findDocument(orm: Orm, where: ReturnType<typeof and>): Promise<DocumentRow | undefined> {
  const [row] = await orm.select({ id: documents.id, status: documents.status, title: documents.title }).from(documents).where(where).for('update');
  return row;
}

/**
 * Records a submitted document version and queues its processing, in one transaction (null, storing nothing,
 * when `userId` may not add documents to the vault):
 * identical content in the vault is not stored twice (a failed one is retried); the same source in the vault
 * is re-processed under the same document id, its old chunks staying searchable until the new ones replace them.
 */
export async function submitDocumentVersion(db: Database, userId: string, version: DocumentVersion): Promise<Submission | null> {
  try {
    return await submitOnce(db, userId, version);
  } catch (error) {
    // Two identical submissions at once both find nothing and both insert: the loser's unique index error means
    // the winner has committed, so submitting again finds its document (deduplicated, or replaced by source).
    if (!isUniqueViolation(error)) throw error;
    return submitOnce(db, userId, version);
  }
}

function submitOnce(db: Database, userId: string, version: DocumentVersion): Promise<Submission | null> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    // Checked in the transaction that writes, with the vault row locked against a concurrent change of sharing.
    const writable = await orm.execute(
      sql`SELECT id FROM vaults WHERE id = ${version.vaultId} AND id IN ${writableVaults(userId)} FOR SHARE`,
    );
    if ((Array.isArray(writable) ? writable : (writable as { rows: unknown[] }).rows).length === 0) return null;
    const same = await findDocument(orm, and(eq(documents.vaultId, version.vaultId), eq(documents.contentHash, version.contentHash)));
    if (same && same.status !== 'failed') {
      return { documentId: same.id, status: same.status as Submission['status'], deduplicated: true, replaced: false, title: same.title };
    }
    const previous =
      same ??
      (version.source === null
        ? undefined
        : await findDocument(orm, and(eq(documents.vaultId, version.vaultId), eq(documents.source, version.source))));
    if (previous) {
      await orm.update(documents).set(documentFields(version)).where(eq(documents.id, previous.id));
      await enqueueJob(orm, previous.id, version);
      return { documentId: previous.id, status: 'queued', deduplicated: false, replaced: previous !== same, title: version.title };
    }
    const [created] = await orm
      .insert(documents)
      .values({ ...documentFields(version), vaultId: version.vaultId, source: version.source })
      .returning({ id: documents.id });
    await enqueueJob(orm, created!.id, version);
    return { documentId: created!.id, status: 'queued', deduplicated: false, replaced: false, title: version.title };
  });
}

/**
 * Queues the document's stored original again (after a failure, or with new settings); false if none is stored
 * or `userId` may not write its vault.
 */
export function requeueDocument(db: Database, userId: string, documentId: string): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const [allowed] = await orm
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, documentId), sql`${documents.vaultId} IN ${writableVaults(userId)}`));
    if (!allowed) return false;
    const [latest] = await orm
      .select({
        filename: ingestJobs.filename,
        mimeType: ingestJobs.mimeType,
        title: ingestJobs.title,
        contentHash: ingestJobs.contentHash,
        content: ingestJobs.content,
      })
      .from(ingestJobs)
      .where(eq(ingestJobs.documentId, documentId))
      .orderBy(desc(ingestJobs.createdAt))
      .limit(1);
    if (!latest) return false;
    await orm
      .update(documents)
      .set({ status: 'queued', progress: 0, error: null, updatedAt: sql`now()` })
      .where(eq(documents.id, documentId));
    await enqueueJob(orm, documentId, { ...latest, explicitTitle: latest.title });
    return true;
  });
}
