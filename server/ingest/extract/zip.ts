import { inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { ExtractionError } from './types';

/**
 * Reads the parts of an office or e-book file (a ZIP archive) without trusting it: the central directory is
 * checked (entry count, each entry's declared size, their total) before anything is inflated, and an entry is
 * inflated with its declared size as a hard cap, so a "zip bomb" that lies about its sizes is stopped after that
 * many bytes instead of filling the memory. Large parts (a worksheet) are streamed: inflated a few kilobytes of
 * input at a time into their reader, never held whole.
 */

const MAX_ENTRIES = 10_000;
const MAX_ENTRY_BYTES = 128 * 1024 * 1024;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_MARKER = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;
// Deflate expands at most ~1,032 to 1: a slice of input this size inflates to at most ~4 MB at once.
const STREAM_SLICE_BYTES = 4096;

const DAMAGED = 'This file is damaged: its contents (a ZIP archive) cannot be read. Open it in the program that made it, save a new copy and upload that.';
const PROTECTED = 'This file is password-protected; remove the password and upload it again.';
const UNDERSTATED =
  'This file unpacks to more than its own index declares, the mark of a file built to exhaust the server (a "zip bomb"), so it was not read.';
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;
const bomb = (bytes: number) =>
  `This file would unpack to ${bytes >= ZIP64_MARKER ? 'more than 4 GB' : mib(bytes)}, more than Docent reads (${mib(MAX_TOTAL_BYTES)} in all, ${mib(MAX_ENTRY_BYTES)} a part); it looks built to exhaust the server (a "zip bomb"), so it was not read.`;

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  names(): string[];
  has(name: string): boolean;
  /** The entry's bytes, inflated; null when there is no such entry. */
  read(name: string): Uint8Array | null;
  /** Inflates the entry into `consume` a slice at a time; false when there is no such entry. */
  stream(name: string, consume: (chunk: Uint8Array) => void): boolean;
}

function endOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - END_RECORD_BYTES; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ExtractionError(DAMAGED);
}

function readDirectory(bytes: Buffer): Map<string, Entry> {
  const end = endOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) {
    throw new ExtractionError(`This file holds ${count.toLocaleString('en-US')} parts; Docent reads at most ${MAX_ENTRIES.toLocaleString('en-US')}, so it was not read.`);
  }
  const entries = new Map<string, Entry>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ExtractionError(DAMAGED);
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry: Entry = {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (entry.size > MAX_ENTRY_BYTES) throw new ExtractionError(bomb(entry.size));
    total += entry.size;
    if (total > MAX_TOTAL_BYTES) throw new ExtractionError(bomb(total));
    entries.set(name, entry);
  }
  return entries;
}

/** The entry's compressed bytes, after checking its local header. */
function dataOf(bytes: Buffer, entry: Entry): Buffer {
  if (entry.flags & ENCRYPTED_FLAG) throw new ExtractionError(PROTECTED);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw new ExtractionError(DAMAGED);
  const dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new ExtractionError(DAMAGED);
  if (entry.method === STORED && data.length !== entry.size) throw new ExtractionError(DAMAGED);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new ExtractionError(DAMAGED);
  return data;
}

function inflate(bytes: Buffer, entry: Entry): Uint8Array {
  const data = dataOf(bytes, entry);
  if (entry.method === STORED) return data;
  try {
    // The declared size is the cap: more output means the archive lied about it, the mark of a zip bomb.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ExtractionError(UNDERSTATED, { cause: error });
    throw new ExtractionError(DAMAGED, { cause: error });
  }
}

function stream(bytes: Buffer, entry: Entry, consume: (chunk: Uint8Array) => void): void {
  const data = dataOf(bytes, entry);
  if (entry.method === STORED) {
    for (let at = 0; at < data.length; at += STREAM_SLICE_BYTES) consume(data.subarray(at, at + STREAM_SLICE_BYTES));
    return;
  }
  let inflated = 0;
  const inflater = new Inflate((chunk) => {
    inflated += chunk.length;
    if (inflated > entry.size) throw new ExtractionError(UNDERSTATED);
    consume(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += STREAM_SLICE_BYTES) inflater.push(data.subarray(at, at + STREAM_SLICE_BYTES), at + STREAM_SLICE_BYTES >= data.length);
  } catch (error) {
    // fflate's own errors carry a numeric code; anything else (a reader's limit) passes through as it is.
    if (typeof (error as { code?: unknown }).code === 'number') throw new ExtractionError(DAMAGED, { cause: error });
    throw error;
  }
}

/** Opens an archive; throws ExtractionError (with a reason for the uploader) for a damaged or oversized one. */
export function openZip(content: Uint8Array): ZipArchive {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (bytes.length < END_RECORD_BYTES) throw new ExtractionError(DAMAGED);
  const entries = readDirectory(bytes);
  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    read: (name) => {
      const entry = entries.get(name);
      return entry ? inflate(bytes, entry) : null;
    },
    stream: (name, consume) => {
      const entry = entries.get(name);
      if (entry) stream(bytes, entry, consume);
      return entry !== undefined;
    },
  };
}
