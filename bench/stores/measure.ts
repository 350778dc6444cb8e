import postgres from 'postgres';
import { round, type Percentiles } from '../chat/stats';
import type { BenchDocument, IndexSettings, StoreUnderTest } from './types';

/** The measurements of the head-to-head, each the same for every store. */

export interface IngestResult {
  chunks: number;
  /** Time inside the store's calls only (generating the corpus is not counted). */
  seconds: number;
  chunksPerSecond: number;
}

/** Feeds documents [from, to) of the corpus to the store in batches of `batchDocuments` (with `workers` for Docent), timing only the store's own calls. */
export async function measureIngest(
  store: StoreUnderTest,
  range: { from: number; to: number; batchDocuments: number; workers?: number },
  corpus: (from: number, to: number) => BenchDocument[],
): Promise<IngestResult> {
  let busy = 0;
  let chunks = 0;
  for (let from = range.from; from < range.to; from += range.batchDocuments) {
    const batch = corpus(from, Math.min(range.to, from + range.batchDocuments));
    const started = performance.now();
    await store.ingest(batch, range.workers);
    busy += performance.now() - started;
    chunks += batch.reduce((n, d) => n + d.chunks.length, 0);
  }
  return ingestResult(chunks, busy / 1000);
}

/** Several measurements of one store's ingest as one. */
export function combineIngest(parts: IngestResult[]): IngestResult {
  return ingestResult(
    parts.reduce((n, p) => n + p.chunks, 0),
    parts.reduce((t, p) => t + p.seconds, 0),
  );
}

function ingestResult(chunks: number, seconds: number): IngestResult {
  return { chunks, seconds: round(seconds, 2), chunksPerSecond: Math.round(chunks / seconds) };
}

export interface IndexResult {
  name: string;
  seconds: number;
  indexMb: number;
  /** The table with all its indexes and TOAST. */
  tableMb: number;
}

export async function measureIndexBuild(store: StoreUnderTest, settings: IndexSettings, admin: postgres.Sql): Promise<IndexResult> {
  const started = performance.now();
  const name = await store.buildIndex(settings);
  const seconds = (performance.now() - started) / 1000;
  const [row] = await admin<Array<{ index_bytes: string | null; table_bytes: string }>>`
    SELECT (SELECT pg_relation_size(c.oid)::text FROM pg_class c WHERE c.relname = ${name} AND c.relkind = 'i') AS index_bytes,
           pg_total_relation_size(${store.table}::regclass)::text AS table_bytes`;
  if (!row?.index_bytes) throw new Error(`${store.name}: no index ${name} after buildIndex`);
  await admin.unsafe(`ANALYZE ${store.table}`);
  return { name, seconds: round(seconds, 1), indexMb: round(Number(row.index_bytes) / 2 ** 20), tableMb: round(Number(row.table_bytes) / 2 ** 20) };
}

/** Whether the store's own query SQL is answered by an HNSW index scan. */
export async function usesHnswIndex(store: StoreUnderTest, admin: postgres.Sql, embedding: number[], efSearch: number): Promise<{ used: boolean; plan: string }> {
  const { text, params } = store.explainSql(embedding, 5);
  const plan = await admin.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL hnsw.ef_search = ${efSearch}`);
    return tx.unsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${text}`, params as never[]);
  });
  const lines = plan.map((r) => r['QUERY PLAN']).join('\n').replace(/'\[[^\]]{200,}\]'/g, "'[…]'");
  return { used: /Index Scan using \S*hnsw|Index Scan using idx_chunks_vec/.test(lines), plan: lines };
}

export interface QueryResult {
  /** Sequential, one query at a time, interleaved with the other stores. */
  latencyMs: Percentiles;
  /** Queries per second with `concurrency` queries in flight. */
  qps: number;
  concurrency: number;
  recallAt5: number;
}

/** recall@k of `found` against the exact top k. */
export function recall(found: string[][], exact: string[][]): number {
  let hits = 0;
  let total = 0;
  for (const [i, truth] of exact.entries()) {
    const set = new Set(truth);
    hits += (found[i] ?? []).filter((id) => set.has(id)).length;
    total += truth.length;
  }
  return round(hits / total, 3);
}

/**
 * Latency of every store over the same queries, interleaved query by query in a rotating order so that drift
 * on a shared machine hits all of them alike; the answers are kept for recall.
 */
export async function measureQueries(
  stores: StoreUnderTest[],
  queries: number[][],
  k: number,
  warmup: number,
): Promise<Map<string, { times: number[]; answers: string[][] }>> {
  for (let i = 0; i < warmup; i++) for (const store of stores) await store.query(queries[i % queries.length]!, k);
  const out = new Map(stores.map((s) => [s.name, { times: [] as number[], answers: [] as string[][] }]));
  for (let i = 0; i < queries.length; i++) {
    for (let j = 0; j < stores.length; j++) {
      const store = stores[(i + j) % stores.length]!;
      const started = performance.now();
      const ids = await store.query(queries[i]!, k);
      const entry = out.get(store.name)!;
      entry.times.push(performance.now() - started);
      entry.answers[i] = ids;
    }
  }
  return out;
}

/** Throughput with `concurrency` queries in flight for `seconds`. */
export async function measureThroughput(store: StoreUnderTest, queries: number[][], k: number, concurrency: number, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await store.query(queries[next++ % queries.length]!, k);
        done++;
      }
    }),
  );
  return round(done / ((performance.now() - started) / 1000), 1);
}

/** The exact top k by a sequential scan (index scans off), as ids of the given table's id column. */
export async function exactNeighbours(admin: postgres.Sql, table: string, idColumn: string, vectorColumn: string, queries: number[][], k: number): Promise<string[][]> {
  const out: string[][] = [];
  for (const q of queries) {
    const rows = await admin.begin(async (tx) => {
      await tx.unsafe('SET LOCAL enable_indexscan = off');
      await tx.unsafe('SET LOCAL enable_bitmapscan = off');
      return tx.unsafe<Array<{ id: string }>>(`SELECT ${idColumn}::text AS id FROM ${table} ORDER BY ${vectorColumn} <=> $1::vector LIMIT ${k}`, [`[${q.join(',')}]`]);
    });
    out.push(rows.map((r) => r.id));
  }
  return out;
}
