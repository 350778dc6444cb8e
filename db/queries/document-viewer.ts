import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { readableVaults } from './access';

/**
 * What the document viewer reads: a document's ingestion history, its chunks and its original file. Every
 * query joins the document and keeps only vaults `userId` may read, so a document someone may not read is
 * simply not found.
 */

const readable = (userId: string, documentId: string) =>
  sql`d.id = ${documentId} AND d.vault_id IN ${readableVaults(userId)}`;

/**
 * The job whose original the document shows: the newest that finished (its chunks are the ones stored), else the
 * newest of all (the document has not been read yet, or never could be). Older versions' jobs are deleted
 * when a newer one finishes (db/queries/ingest-jobs.ts), so this is the document's file.
 */
const ORIGINAL_ORDER = sql`(j.status = 'done') DESC, j.created_at DESC`;

export interface IngestAttempt {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  filename: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The document's ingestion jobs, oldest first: what was submitted when, and how reading it went. */
export async function listIngestAttempts(db: Database, userId: string, documentId: string): Promise<IngestAttempt[]> {
  const rows = await db.rows<{
    id: string;
    status: IngestAttempt['status'];
    attempts: number;
    filename: string | null;
    error: string | null;
    created_at: string | Date;
    finished_at: string | Date | null;
  }>(sql`
    SELECT j.id, j.status, j.attempts, j.filename, j.error, j.created_at, j.finished_at
    FROM ingest_jobs j JOIN documents d ON d.id = j.document_id
    WHERE ${readable(userId, documentId)}
    ORDER BY j.created_at`);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    filename: row.filename,
    error: row.error,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  }));
}

export interface DocumentChunk {
  id: string;
  ordinal: number;
  content: string;
  tokenCount: number;
  pageStart: number | null;
  pageEnd: number | null;
  charStart: number | null;
  charEnd: number | null;
  /** Whether its text was recognised from a picture of a page (OCR), not read from a text layer. */
  fromOcr: boolean;
  /** Left out of search by a person. */
  excluded: boolean;
  /** When a person last changed the text; null: as ingestion made it. */
  editedAt: Date | null;
}

/** The document's chunks in order, excluded ones included. */
export async function listDocumentChunks(db: Database, userId: string, documentId: string): Promise<DocumentChunk[]> {
  const rows = await db.rows<{
    id: string;
    ordinal: number;
    content: string;
    token_count: number;
    page_start: number | null;
    page_end: number | null;
    char_start: number | null;
    char_end: number | null;
    from_ocr: boolean;
    excluded: boolean;
    edited_at: string | Date | null;
  }>(sql`
    SELECT c.id, c.ordinal, c.content, c.token_count, c.page_start, c.page_end, c.char_start, c.char_end, c.excluded, c.edited_at,
           EXISTS (SELECT 1 FROM unnest(d.ocr_pages) AS p WHERE p BETWEEN c.page_start AND c.page_end) AS from_ocr
    FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE ${readable(userId, documentId)}
    ORDER BY c.ordinal`);
  return rows.map((row) => ({
    id: row.id,
    ordinal: row.ordinal,
    content: row.content,
    tokenCount: row.token_count,
    pageStart: row.page_start,
    pageEnd: row.page_end,
    charStart: row.char_start,
    charEnd: row.char_end,
    fromOcr: row.from_ocr,
    excluded: row.excluded,
    editedAt: row.edited_at === null ? null : new Date(row.edited_at),
  }));
}

/** Pages whose text was recognised from a picture of them (OCR), in order; empty when none or not readable. */
export async function getOcrPages(db: Database, userId: string, documentId: string): Promise<number[]> {
  const [row] = await db.rows<{ ocr_pages: number[] }>(sql`SELECT d.ocr_pages FROM documents d WHERE ${readable(userId, documentId)}`);
  return row?.ocr_pages ?? [];
}

export interface OriginalFileInfo {
  filename: string | null;
  /** The type detected from the content when the document was read (documents.mime_type). */
  mimeType: string | null;
  sizeBytes: number;
}

/** The original's name, type and size, without its bytes; null when the caller may not read the document. */
export async function getOriginalFileInfo(db: Database, userId: string, documentId: string): Promise<OriginalFileInfo | null> {
  const [row] = await db.rows<{ filename: string | null; mime_type: string | null; size_bytes: number }>(sql`
    SELECT j.filename, d.mime_type, octet_length(j.content) AS size_bytes
    FROM ingest_jobs j JOIN documents d ON d.id = j.document_id
    WHERE ${readable(userId, documentId)}
    ORDER BY ${ORIGINAL_ORDER}
    LIMIT 1`);
  return row ? { filename: row.filename, mimeType: row.mime_type, sizeBytes: Number(row.size_bytes) } : null;
}

/** The original file as submitted; null when there is none or the caller may not read the document. */
export async function getOriginalFile(
  db: Database,
  userId: string,
  documentId: string,
): Promise<(Omit<OriginalFileInfo, 'sizeBytes'> & { content: Uint8Array }) | null> {
  const [row] = await db.rows<{ filename: string | null; mime_type: string | null; content: Uint8Array }>(sql`
    SELECT j.filename, d.mime_type, j.content
    FROM ingest_jobs j JOIN documents d ON d.id = j.document_id
    WHERE ${readable(userId, documentId)}
    ORDER BY ${ORIGINAL_ORDER}
    LIMIT 1`);
  return row ? { filename: row.filename, mimeType: row.mime_type, content: new Uint8Array(row.content) } : null;
}
