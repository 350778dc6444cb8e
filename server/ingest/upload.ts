import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { isZipArchive, openZipArchive, type ZipArchive, type ZipLimits } from './archive/zip-entries';
import { checkDocument, storeDocument, type DocumentInput } from './submit';
import type { DocumentFormat } from './extract';

export interface UploadedFile {
  content: Uint8Array;
  filename: string;
  mimeType?: string | null;
}

interface StoredFile {
  documentId: string;
  filename: string;
  status: 'queued' | 'processing' | 'ready' | 'failed';
  deduplicated: boolean;
  replaced: boolean;
  title: string;
}

export interface UploadResult {
  documents: StoredFile[];
  /** Files not stored, each with a reason for the uploader: entries of an archive, or (when asked) uploaded files. */
  skipped: Array<{ filename: string; reason: string }>;
}

// A folder of 2,000 documents zipped, with room to spare; more is a job for several archives.
const ZIP_MAX_ENTRIES = 5_000;
// Inflated bytes of one archive, as multiples of the largest upload (MAX_UPLOAD_BYTES).
const ZIP_MAX_EXPANSION = 10;
// Text compresses about 5 times, office files less; a zip bomb by a thousand and more.
const ZIP_MAX_RATIO = 200;

function zipLimits(config: Services['config']): ZipLimits {
  const { maxUploadBytes } = config.ingest;
  return {
    maxEntries: ZIP_MAX_ENTRIES,
    maxEntryBytes: maxUploadBytes,
    maxTotalBytes: maxUploadBytes * ZIP_MAX_EXPANSION,
    maxRatio: ZIP_MAX_RATIO,
    // Half the request's time, so the answer listing what was stored still arrives.
    timeoutMs: config.requestTimeoutMs / 2,
  };
}

/** A rejection that is about one file (its type, size, pages), not about the request or the vault. */
function aboutTheFile(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'UNSUPPORTED_MEDIA_TYPE' || error.code === 'PAYLOAD_TOO_LARGE' || error.code === 'VALIDATION_ERROR');
}

function stored(filename: string, submission: Awaited<ReturnType<typeof storeDocument>>): StoredFile {
  const { documentId, status, deduplicated, replaced, title } = submission;
  return { documentId, filename, status, deduplicated, replaced, title };
}

/**
 * An upload's files into documents of `vaultId`. A .zip archive expands into one document per file it holds (its
 * path in the archive as file name), files Docent cannot read listed in `skipped` with their reason. Other files
 * are all checked before any is stored, so by default one bad file rejects the upload and stores nothing; with
 * `skipUnreadable` (a folder's upload, where one stray file must not stop the rest) it is listed in `skipped`.
 * A damaged archive or one past its limits (a zip bomb) rejects the upload before anything is stored.
 */
export async function submitUpload(
  services: Pick<Services, 'db' | 'config'>,
  caller: UserCaller,
  files: UploadedFile[],
  options: { vaultId: string; skipUnreadable: boolean },
): Promise<UploadResult> {
  const result: UploadResult = { documents: [], skipped: [] };
  const checked: Array<{ input: DocumentInput; format: DocumentFormat }> = [];
  const archives: ZipArchive[] = [];
  try {
    for (const file of files) {
      if (isZipArchive(file.content, file.filename)) {
        archives.push(await openZipArchive(file.filename, file.content, zipLimits(services.config)));
        continue;
      }
      const input = { ...file, vaultId: options.vaultId };
      try {
        checked.push({ input, format: await checkDocument(services, input) });
      } catch (error) {
        if (!options.skipUnreadable || !aboutTheFile(error)) throw error;
        result.skipped.push({ filename: file.filename, reason: error.message });
      }
    }
    for (const { input, format } of checked) result.documents.push(stored(input.filename!, await storeDocument(services, caller, input, format)));
    for (const archive of archives) await storeArchive(services, caller, archive, options.vaultId, result);
  } finally {
    for (const archive of archives) archive.close();
  }
  return result;
}

/** Each readable file of the archive as a document, one at a time (only one is held in memory). */
async function storeArchive(
  services: Pick<Services, 'db' | 'config'>,
  caller: UserCaller,
  archive: ZipArchive,
  vaultId: string,
  result: UploadResult,
): Promise<void> {
  for await (const entry of archive.entries()) {
    if ('skipped' in entry) {
      result.skipped.push({ filename: entry.path, reason: entry.skipped });
      continue;
    }
    const input = { content: entry.content, filename: entry.path, vaultId };
    try {
      result.documents.push(stored(entry.path, await storeDocument(services, caller, input, await checkDocument(services, input))));
    } catch (error) {
      if (!aboutTheFile(error)) throw error;
      result.skipped.push({ filename: entry.path, reason: error.message });
    }
  }
}
