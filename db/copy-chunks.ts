import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Orm } from './client';

/**
 * Bulk writing of chunk rows with a binary COPY on PostgreSQL. A multi-row INSERT sends each 1536-float
 * embedding as ~17 KB of decimal text that the server parses number by number; binary COPY sends 6 KB of
 * float4s that pgvector copies as they are, and skips the bind-parameter limit (and its batching) entirely.
 * bench/NOTES.md has the before/after figures.
 */

export interface CopyChunkRow {
  documentId: string;
  vaultId: string;
  ordinal: number;
  content: string;
  tokenCount: number;
  embedding: ArrayLike<number>;
  embeddingModel: string;
  /** Null or omitted: unknown (not a PDF, or written by a tool that does not track them). */
  charStart?: number | null;
  charEnd?: number | null;
  pageStart?: number | null;
  pageEnd?: number | null;
  /** Omitted: the column default (gen_random_uuid()) applies. */
  id?: string;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const BASE_COLUMNS = [
  'document_id',
  'vault_id',
  'ordinal',
  'content',
  'token_count',
  'embedding',
  'embedding_model',
  'char_start',
  'char_end',
  'page_start',
  'page_end',
];
/** The nullable integer columns at the end of BASE_COLUMNS, in their order. */
const OPTIONAL_INTEGERS = ['charStart', 'charEnd', 'pageStart', 'pageEnd'] as const;

function uuidBytes(id: string): Buffer {
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex');
  if (bytes.length !== 16) throw new Error(`not a UUID: ${id}`);
  return bytes;
}

/** The header of a binary COPY stream: signature, flags, header-extension length. */
export function copyHeader(): Buffer {
  const header = Buffer.alloc(SIGNATURE.length + 8);
  SIGNATURE.copy(header, 0);
  return header;
}

/** The end-of-data marker (a tuple with -1 fields). */
export function copyTrailer(): Buffer {
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1, 0);
  return trailer;
}

export function copyColumns(withIds: boolean): string {
  return (withIds ? ['id', ...BASE_COLUMNS] : BASE_COLUMNS).join(', ');
}

/** One tuple of the binary COPY format for `copyColumns(row.id !== undefined)`. */
export function encodeChunkRow(row: CopyChunkRow): Buffer {
  const text = Buffer.from(row.content, 'utf8');
  const model = Buffer.from(row.embeddingModel, 'utf8');
  const dims = row.embedding.length;
  const vectorBytes = 4 + 4 * dims;
  const uuids = row.id === undefined ? 2 : 3;
  const fields = uuids + 5 + OPTIONAL_INTEGERS.length;
  const optional = OPTIONAL_INTEGERS.map((name) => row[name] ?? null);
  const optionalBytes = optional.reduce<number>((sum, value) => sum + (value === null ? 4 : 8), 0);
  const size = 2 + (4 + 16) * uuids + (4 + 4) * 2 + (4 + text.length) + (4 + vectorBytes) + (4 + model.length) + optionalBytes;
  const buf = Buffer.allocUnsafe(size);
  let o = buf.writeInt16BE(fields, 0);
  for (const id of row.id === undefined ? [row.documentId, row.vaultId] : [row.id, row.documentId, row.vaultId]) {
    o = buf.writeInt32BE(16, o);
    o += uuidBytes(id).copy(buf, o);
  }
  o = buf.writeInt32BE(4, o);
  o = buf.writeInt32BE(row.ordinal, o);
  o = buf.writeInt32BE(text.length, o);
  o += text.copy(buf, o);
  o = buf.writeInt32BE(4, o);
  o = buf.writeInt32BE(row.tokenCount, o);
  // pgvector's binary format (vector_recv): int16 dimensions, int16 unused, float4 values, big-endian.
  o = buf.writeInt32BE(vectorBytes, o);
  o = buf.writeInt16BE(dims, o);
  o = buf.writeInt16BE(0, o);
  for (let i = 0; i < dims; i++) o = buf.writeFloatBE(row.embedding[i]!, o);
  o = buf.writeInt32BE(model.length, o);
  o += model.copy(buf, o);
  // A field length of -1 is NULL.
  for (const value of optional) {
    if (value === null) {
      o = buf.writeInt32BE(-1, o);
    } else {
      o = buf.writeInt32BE(4, o);
      o = buf.writeInt32BE(value, o);
    }
  }
  return buf;
}

/** A postgres.js query object: a promise, plus the settle functions postgres.js keeps on the instance. */
interface CopyQuery extends PromiseLike<unknown> {
  writable(): Promise<Writable>;
  reject?: (error: unknown) => unknown;
}

interface CopyCapable {
  unsafe(text: string): CopyQuery;
}

/**
 * The postgres.js connection behind a drizzle transaction on the postgres driver (drizzle keeps it as
 * `session.client`), or undefined on PGlite, whose in-process COPY needs a file and is not faster than INSERT.
 */
export function copyClientOf(orm: Orm): CopyCapable | undefined {
  const client = (orm as unknown as { session?: { client?: Partial<CopyCapable> & { begin?: unknown; savepoint?: unknown } } }).session?.client;
  // postgres.js clients (pool or transaction) have `unsafe` and `savepoint`/`begin`; PGlite's have neither.
  return client && typeof client.unsafe === 'function' && (typeof client.savepoint === 'function' || typeof client.begin === 'function')
    ? (client as CopyCapable)
    : undefined;
}

/**
 * The server's verdict on a COPY. postgres.js settles a COPY query as soon as the server accepts the data
 * stream, so an error the server reports after the last row (a duplicate key, a deadlock) reaches only the
 * query's `reject`, which postgres.js keeps on the instance, and the stream never finishes. Intercepting it
 * turns that silent hang into the server's error.
 */
function serverVerdict(query: CopyQuery): Promise<never> {
  const reject = query.reject;
  if (typeof reject !== 'function') throw new Error('copyChunks: this postgres.js version does not expose query.reject');
  const verdict = new Promise<never>((_, fail) => {
    query.reject = (error: unknown) => (fail(error), reject(error));
  });
  verdict.catch(() => {}); // observed through the race below, or by awaiting the query itself
  return verdict;
}

/** Streams `rows` into `chunks` with one binary COPY on `client`, honouring back-pressure. */
export async function copyChunks(client: CopyCapable, rows: Iterable<CopyChunkRow>, withIds = false): Promise<number> {
  const query = client.unsafe(`COPY chunks (${copyColumns(withIds)}) FROM STDIN (FORMAT binary)`);
  const verdict = serverVerdict(query);
  const stream = await query.writable();
  const failed = Promise.race([once(stream, 'error').then(([error]) => Promise.reject(error)), verdict]);
  failed.catch(() => {});
  const write = async (buf: Buffer) => {
    if (!stream.write(buf)) await Promise.race([once(stream, 'drain'), failed]);
  };
  let count = 0;
  await write(copyHeader());
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for (const row of rows) {
    if ((row.id !== undefined) !== withIds) throw new Error('copyChunks: every row must have an id exactly when withIds is set');
    const encoded = encodeChunkRow(row);
    pending.push(encoded);
    pendingBytes += encoded.length;
    count++;
    // One socket write per ~256 KB instead of one per row.
    if (pendingBytes >= 256 * 1024) {
      await write(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    }
  }
  pending.push(copyTrailer());
  const finished = new Promise<void>((resolve) => stream.once('finish', () => resolve()));
  stream.end(Buffer.concat(pending));
  await Promise.race([finished, failed]);
  return count;
}
