import { createHash } from 'node:crypto';
import { submitDocumentVersion, type Submission } from '@/db/queries/document-submission';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { wakeIngestWorker } from './worker-process';
import type { Services } from '@/server/services';
import { detectFormat, MIME_TYPES, type DocumentFormat } from './extract';
import { claimedFormat, misnamedReason } from './extract/detect';
import { unsupportedReason } from './extract/unsupported';
import { checkDocumentLimits } from './off-thread';

export interface DocumentInput {
  content: Uint8Array;
  filename?: string | null;
  mimeType?: string | null;
  title?: string | null;
  source?: string | null;
  metadata?: Record<string, unknown>;
  vaultId?: string | null;
}

function titleFrom(input: DocumentInput): string {
  const explicit = input.title?.trim();
  if (explicit) return explicit;
  const fromName = input.filename?.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim();
  return fromName || 'Untitled document';
}

/**
 * What can be judged before storing: size (413), type (415), and pages or characters past the limits (413,
 * counted in an ingestion thread). Returns the type found in the content.
 */
export async function checkDocument(services: Pick<Services, 'config'>, input: DocumentInput): Promise<DocumentFormat> {
  const { maxUploadBytes } = services.config.ingest;
  if (input.content.byteLength > maxUploadBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${input.filename ?? 'The document'} is ${formatBytes(input.content.byteLength)}; the limit is ${formatBytes(maxUploadBytes)}.`,
    );
  }
  const format = detectFormat(input.content, input.filename ?? undefined, input.mimeType ?? undefined);
  if (format === null) {
    // Said in the uploader's terms: an image type without text recognition, an old Office file, a damaged PDF…
    const why = unsupportedReason(input.content, claimedFormat(input.filename ?? undefined, input.mimeType ?? undefined));
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${input.filename ?? 'This file'} is not a kind of document Docent can read. ${why}`);
  }
  const misnamed = misnamedReason(input.filename ?? undefined, format);
  if (misnamed) throw new AppError('UNSUPPORTED_MEDIA_TYPE', misnamed);
  const file = { content: input.content, filename: input.filename ?? undefined, mimeType: input.mimeType ?? undefined };
  await checkDocumentLimits(services.config, file, format);
  return format;
}

/**
 * Accepts a document for ingestion and returns at once: the bytes and a queued job are stored in one
 * transaction and a worker does the rest. Only what checkDocument can judge is rejected here, and an unknown
 * vault; a corrupt or empty file becomes a failed document with its reason.
 */
export async function submitDocument(
  services: Pick<Services, 'db' | 'config'>,
  caller: Pick<UserCaller, 'userId'>,
  input: DocumentInput,
): Promise<Submission> {
  return storeDocument(services, caller, input, await checkDocument(services, input));
}

/** Stores a document checkDocument has accepted (as `format`) with its queued job, if the caller may write its vault. */
export async function storeDocument(
  services: Pick<Services, 'db' | 'config'>,
  caller: Pick<UserCaller, 'userId'>,
  input: DocumentInput,
  format: DocumentFormat,
): Promise<Submission> {
  const submission = await submitDocumentVersion(services.db, caller.userId, {
    vaultId: input.vaultId ?? DEFAULT_VAULT_ID,
    title: titleFrom(input),
    explicitTitle: input.title?.trim() || null,
    source: input.source?.trim() || null,
    metadata: input.metadata ?? {},
    contentHash: createHash('sha256').update(input.content).digest('hex'),
    mimeType: MIME_TYPES[format],
    sizeBytes: input.content.byteLength,
    filename: input.filename ?? null,
    content: input.content,
  });
  if (!submission) {
    // Unknown, unreadable and read-only vaults alike: the submitter learns nothing about vaults they cannot write.
    throw new AppError('NOT_FOUND', `Vault ${input.vaultId ?? DEFAULT_VAULT_ID} does not exist or you cannot add documents to it.`);
  }
  if (!submission.deduplicated) wakeIngestWorker();
  return submission;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
