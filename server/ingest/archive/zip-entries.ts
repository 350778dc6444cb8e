import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '@/server/errors';
import { SIGNATURES, startsWith } from '../extract/signatures';
import { formatBytes } from '../submit';

/**
 * What an uploaded .zip may expand to. Every bound is checked against the archive's central directory before a
 * single byte is inflated, and the inflated bytes are checked against it as they come (yauzl's size validation),
 * so an archive that lies about its sizes fails too.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Each entry, inflated: the largest file upload (MAX_UPLOAD_BYTES). */
  maxEntryBytes: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
  /** Inflated over compressed size for an entry above RATIO_EXEMPT_BYTES: text compresses ~5×, a bomb ~1000×. */
  maxRatio: number;
  /** Reading every entry; past it, the entries not yet read are reported, not stored. */
  timeoutMs: number;
}

// Small entries may be as compressible as they like: a 100 KB file of one repeated line harms nobody.
const RATIO_EXEMPT_BYTES = 1024 * 1024;

type ZipItem = { path: string; content: Uint8Array } | { path: string; skipped: string };

function open(bytes: Uint8Array): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/** Every entry of the central directory, metadata only (nothing is inflated). */
function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => (entries.push(entry), zip.readEntry()));
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

async function readEntry(zip: ZipFile, entry: Entry, signal: AbortSignal): Promise<Uint8Array> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const parts: Buffer[] = [];
  const stop = () => stream.destroy(signal.reason as Error);
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const part of stream) parts.push(part as Buffer);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Why an entry is refused before it is read, or null to read it. */
function skipReason(entry: Entry, limits: ZipLimits): string | null {
  if (entry.isEncrypted()) return 'It is password-protected inside the archive.';
  if (!entry.canDecodeFileData()) return 'It is compressed in a way Docent cannot read (only stored and deflated entries are).';
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return `It is ${formatBytes(entry.uncompressedSize)}; the limit for one file is ${formatBytes(limits.maxEntryBytes)}.`;
  }
  if (/\.zip$/i.test(entry.fileName)) return 'Archives inside archives are not expanded; upload it on its own.';
  return null;
}

/** 413 for an archive past the limits as its directory declares it: too many entries, too big, or a bomb. */
function checkDirectory(name: string, files: Entry[], limits: ZipLimits): void {
  if (files.length > limits.maxEntries) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${name} holds ${files.length} files; at most ${limits.maxEntries} are expanded from one archive. Split it.`);
  }
  const total = files.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > limits.maxTotalBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${name} expands to ${formatBytes(total)}; the limit is ${formatBytes(limits.maxTotalBytes)}. Split it.`);
  }
  const bomb = files.find((entry) => entry.uncompressedSize > RATIO_EXEMPT_BYTES && entry.uncompressedSize > entry.compressedSize * limits.maxRatio);
  if (bomb) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${name} looks like a zip bomb: ${bomb.fileName} expands ${Math.round(bomb.uncompressedSize / Math.max(1, bomb.compressedSize))} times (at most ${limits.maxRatio} are accepted).`,
    );
  }
}

export interface ZipArchive {
  /** The archive's files one at a time, in the archive's order; each is read only when asked for. */
  entries(): AsyncGenerator<ZipItem>;
  close(): void;
}

const damaged = (name: string) => (error: unknown) => {
  throw new AppError('VALIDATION_ERROR', `${name} is damaged or not a zip archive; make it again and upload that.`, undefined, { cause: error });
};

/**
 * Opens an uploaded zip archive and checks its directory, inflating nothing: AppError 422 for a damaged archive,
 * 413 for one past `limits`. Its files are then read one at a time (folders are left out; each file's path in
 * the archive is its name), so only one is held in memory at once; a file that cannot be read comes as
 * `skipped` with a reason for the uploader.
 */
export async function openZipArchive(name: string, bytes: Uint8Array, limits: ZipLimits): Promise<ZipArchive> {
  const zip = await open(bytes).catch(damaged(name));
  try {
    const files = (await listEntries(zip).catch(damaged(name))).filter((entry) => !entry.fileName.endsWith('/'));
    checkDirectory(name, files, limits);
    return { entries: () => readFiles(zip, name, files, limits), close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function* readFiles(zip: ZipFile, name: string, files: Entry[], limits: ZipLimits): AsyncGenerator<ZipItem> {
  const late = `Not read: expanding ${name} took longer than ${Math.round(limits.timeoutMs / 1000)} s.`;
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  for (const entry of files) {
    const path = entry.fileName;
    const reason = deadline.aborted ? late : skipReason(entry, limits);
    if (reason) {
      yield { path, skipped: reason };
      continue;
    }
    const content = await readEntry(zip, entry, deadline).catch(() => null);
    yield content ? { path, content } : { path, skipped: deadline.aborted ? late : 'It is damaged inside the archive.' };
  }
}

/** Whether an upload is a zip archive to expand (not a Word document or another format that is a zip inside). */
export function isZipArchive(bytes: Uint8Array, filename: string | undefined): boolean {
  return startsWith(bytes, SIGNATURES.zip) && /\.zip$/i.test(filename ?? '');
}
