import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { nearestChunks, vectorSearchSettings } from '@/db/queries/chunk-search';
import { submitDocumentVersion } from '@/db/queries/document-submission';
import { claimNextJob, completeJob } from '@/db/queries/ingest-jobs';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import { embeddingExpressionText, ensureVectorIndex, vectorIndexName, vectorType, type VectorIndexSpec } from '@/db/vector-index';
import { parseConfig } from '@/server/config';
import type { BenchDocument, IndexSettings, StoreUnderTest } from './types';
import { BENCH_CALLER } from '../support/bench-caller';

/**
 * Docent through its own database code, document by document as its ingest worker does: the submission (the
 * document row and its durable job holding the original bytes), the worker's claim, and the commit of the
 * chunks (binary COPY), document status and corpus version in one transaction. Only text extraction, chunking
 * and embedding are left out, since every store is given the same chunks and vectors. Queries go through
 * `nearestChunks`, the vector half of chat retrieval (the full hybrid search is measured against its raw SQL
 * separately).
 */

export const DOCENT_MODEL = 'text-embedding-3-small';
const DIMENSIONS = 1536;
const WORKER = 'bench-worker';

export interface DocentStore extends StoreUnderTest {
  db: Database;
  spec: VectorIndexSpec;
  /** The benchmark's id of Docent's chunk (documentId, ordinal). */
  chunkId(documentId: string, ordinal: number): string;
}

export function docentStore(url: string, settings: IndexSettings): DocentStore {
  const config = parseConfig({ DATABASE_URL: url });
  if (config.database.driver !== 'postgres') throw new Error('expected PostgreSQL');
  // The peers' indexes hold full-precision vectors; Docent's its default (half precision, bench/NOTES.md §12).
  const spec: VectorIndexSpec = { model: DOCENT_MODEL, dimensions: DIMENSIONS, index: { type: 'hnsw', ...settings, precision: config.vectorIndex.precision } };
  // As the app opens it: prepared statements, TCP_NODELAY, and the search settings on every connection.
  const db = openPostgres(config.database, undefined, vectorSearchSettings(spec.index));
  // Docent's document ids are its own: map them back to the benchmark's chunk ids for recall.
  const chunkIds = new Map<string, string[]>();
  const chunkId = (documentId: string, ordinal: number) => chunkIds.get(documentId)?.[ordinal] ?? `${documentId}#${ordinal}`;
  return {
    name: 'Docent',
    usage: 'submitDocumentVersion per document while 1 or 2 workers (INGEST_CONCURRENCY) claimNextJob + completeJob (binary COPY); nearestChunks for queries',
    table: 'chunks',
    db,
    spec,
    async setup() {
      await migrateDatabase(db, spec);
      // Loaded without the vector index, like the others; buildIndex creates it exactly as Docent does at start-up.
      await db.orm.execute(sql.raw(`DROP INDEX IF EXISTS "${vectorIndexName(spec)}"`));
    },
    async ingest(documents: BenchDocument[], workers = 1) {
      // As the API and the worker pool do, side by side: documents are submitted one after another (row + durable
      // job with the original bytes) while `workers` workers claim whichever job is next and commit its chunks.
      // By title (unique in the corpus): a worker may claim a job before its submission call has even returned.
      const byTitle = new Map(documents.map((d) => [d.title, d]));
      let submitting = true;
      const waiting: Array<() => void> = [];
      const submitted = () => waiting.splice(0).forEach((wake) => wake());
      const submitAll = async () => {
        for (const document of documents) {
          const content = Buffer.from(document.chunks.map((c) => c.content).join('\n\n'), 'utf8');
          await submitDocumentVersion(db, BENCH_CALLER.userId, {
            vaultId: DEFAULT_VAULT_ID,
            title: document.title,
            explicitTitle: document.title,
            source: null,
            metadata: {},
            contentHash: createHash('sha256').update(content).digest('hex'),
            mimeType: 'text/markdown',
            sizeBytes: content.byteLength,
            filename: null,
            content,
          });
          submitted();
        }
        submitting = false;
        submitted();
      };
      const work = async (workerId: string) => {
        for (;;) {
          // Read before claiming: once every document is submitted, finding no job means there is none left.
          const last = !submitting;
          const job = await claimNextJob(db, workerId, 300);
          if (!job) {
            if (last) return;
            // The real worker is woken by new jobs too; the timeout covers a submission landing mid-claim.
            await Promise.race([new Promise<void>((wake) => waiting.push(wake)), new Promise((r) => setTimeout(r, 5))]);
            continue;
          }
          const document = job.title === null ? undefined : byTitle.get(job.title);
          if (!document) throw new Error(`claimed a job the benchmark did not queue (document ${job.documentId})`);
          const written = await completeJob(
            db,
            { id: job.id, documentId: job.documentId, vaultId: job.vaultId, workerId },
            {
              chunks: document.chunks.map((c) => ({ ordinal: c.ordinal, content: c.content, tokenCount: c.content.split(/\s+/).length, embedding: c.embedding })),
              embeddingModel: DOCENT_MODEL,
              title: null,
            },
          );
          if (!written) throw new Error('completeJob wrote nothing');
          chunkIds.set(job.documentId, document.chunks.map((c) => c.id));
        }
      };
      await Promise.all([submitAll(), ...Array.from({ length: workers }, (_, w) => work(`${WORKER}-${w}`))]);
    },
    async buildIndex() {
      await ensureVectorIndex(db, spec);
      return vectorIndexName(spec);
    },
    chunkId,
    async query(embedding: number[], k: number) {
      const matches = await nearestChunks(db, spec, embedding, k);
      return matches.map((m) => chunkId(m.documentId, m.ordinal));
    },
    explainSql(embedding: number[], k: number) {
      return {
        text: `SELECT id, document_id, ordinal, content FROM chunks WHERE embedding_model = '${DOCENT_MODEL}'
               ORDER BY ${embeddingExpressionText(spec)} <=> $1::${vectorType(spec)}(${DIMENSIONS}) LIMIT ${k}`,
        params: [`[${embedding.join(',')}]`],
      };
    },
    close: () => db.close(),
  };
}

/**
 * The physical floor: the same nearest-neighbour query on Docent's table as one prepared statement of a plain
 * postgres.js client (ef_search from the database default, no transaction, only the two columns needed).
 */
export function rawSqlFloor(docent: DocentStore, url: string): StoreUnderTest {
  const client = postgres(url, { max: 4, onnotice: () => {} });
  const text = `SELECT document_id, ordinal FROM chunks WHERE embedding_model = '${DOCENT_MODEL}'
                ORDER BY ${embeddingExpressionText(docent.spec)} <=> $1::${vectorType(docent.spec)}(${DIMENSIONS}) LIMIT $2`;
  return {
    name: 'raw SQL (floor)',
    usage: 'one prepared statement on postgres.js against Docent\'s table',
    table: 'chunks',
    setup: async () => {},
    ingest: async () => {},
    buildIndex: async () => vectorIndexName(docent.spec), // Docent's own index
    async query(embedding: number[], k: number) {
      const rows = await client.unsafe<Array<{ document_id: string; ordinal: number }>>(text, [`[${embedding.join(',')}]`, k], { prepare: true });
      return rows.map((r) => docent.chunkId(r.document_id, r.ordinal));
    },
    explainSql: (embedding, k) => ({ text, params: [`[${embedding.join(',')}]`, k] }),
    close: () => client.end({ timeout: 5 }),
  };
}
