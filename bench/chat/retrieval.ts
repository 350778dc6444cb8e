import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database, Orm, SessionSettings } from '@/db/client';
import { hybridSearch } from '@/db/queries/hybrid-search';
import * as schema from '@/db/schema';
import { embeddingExpressionText, vectorType, type VectorIndexSpec } from '@/db/vector-index';
import { percentiles, round, type Percentiles } from './stats';
import { BENCH_CALLER } from '../support/bench-caller';

/**
 * Retrieval latency in this process, same run, same queries: Docent's hybridSearch through Docent's Database,
 * the very same statements (text and parameters captured from drizzle) sent by a plain postgres.js client,
 * and the bare vector nearest-neighbour query as the physical floor; then recall@5 of the HNSW index.
 */

export interface RetrievalQuery {
  text: string;
  embedding: number[];
}

type Statement = { text: string; params: unknown[] };

export interface RetrievalResult {
  queries: number;
  k: number;
  efSearch: number;
  /** ms per query */
  docent: Percentiles;
  rawSameSql: Percentiles;
  vectorOnly: Percentiles;
  /** p50 and p95 of Docent over raw (the same statement, prepared, with the same connection settings). */
  ratio: { p50: number; p95: number };
  /** Mean rows the OR-ed full-text query matched: what BM25 would score were it not for TEXT_CANDIDATE_BUDGET. */
  meanTextMatches: number;
  /** queriesByHits[n]: how many queries found n of the exact top k. */
  recall: Array<{ efSearch: number; recallAt5: number; queriesByHits: number[]; hnswMs: Percentiles }>;
  exactScanMs: Percentiles;
  explain: Array<{ question: string; plan: string }>;
  vectorOnlyPlan: string;
}

/** A plan without its 1536-number vector literals. */
function compactPlan(plan: string): string {
  return plan.replace(/'\[[^\]]{200,}\]'/g, "'[…]'");
}

/** A Database like openPostgres's whose drizzle logs every statement it sends (to capture Docent's SQL). */
function capturingDatabase(url: string, sessionSettings: SessionSettings, onStatement: (s: Statement) => void): { db: Database; end: () => Promise<void> } {
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: sessionSettings });
  const orm = drizzle({ client, schema, logger: { logQuery: (text, params) => onStatement({ text, params }) } }) as unknown as Orm;
  const db: Database = {
    driver: 'postgres',
    orm,
    rows: async <T extends Record<string, unknown>>(query: Parameters<Database['rows']>[0], on: Orm = orm) => (await on.execute(query)) as unknown as T[],
    withConnection: (work) => work(orm),
    sessionSettings,
    replicas: null,
    close: () => client.end({ timeout: 5 }),
  };
  return { db, end: () => client.end({ timeout: 5 }) };
}

export async function benchRetrieval(options: {
  url: string;
  /** A migrated, empty database: where the SQL is captured. */
  captureUrl: string;
  db: Database;
  spec: VectorIndexSpec;
  queries: RetrievalQuery[];
  warmup: number;
  recallQueries: number;
  k?: number;
  log: (line: string) => void;
}): Promise<RetrievalResult> {
  const { url, db, spec, queries, log } = options;
  const k = options.k ?? 5;
  if (spec.index.type !== 'hnsw') throw new Error('the chat benchmark expects the HNSW index');
  const efSearch = Math.max(spec.index.efSearch, Math.max(k * 4, 20));
  const input = (q: RetrievalQuery) => ({ spec, embedding: q.embedding, text: q.text, k, vaultId: null, userId: BENCH_CALLER.userId });

  // 1. Capture the statement hybridSearch sends for every query (one: the search settings are the connections' own).
  // On an empty database of the same schema: the SQL does not depend on the data, and it costs nothing there.
  const captured: Statement[][] = [];
  let sink: Statement[] = [];
  const settings = db.sessionSettings;
  const capture = capturingDatabase(options.captureUrl, settings, (statement) => sink.push(statement));
  for (const q of queries) {
    sink = [];
    await hybridSearch(capture.db, input(q));
    captured.push(sink);
  }
  await capture.end();
  if (!captured.every((s) => s.length === 1 && s[0]!.text.includes('vector_hits'))) {
    throw new Error(`unexpected statements from hybridSearch: ${JSON.stringify(captured[0]?.map((s) => s.text.slice(0, 80)))}`);
  }

  // Docent's connections carry the search settings and prepare their statements: so does the raw client.
  const raw = postgres(url, { max: 1, onnotice: () => {}, connection: settings });
  const floor = postgres(url, { max: 1, onnotice: () => {} });
  await floor.unsafe(`SET hnsw.ef_search = ${efSearch}`);
  const model = `'${spec.model.replaceAll("'", "''")}'`;
  const nearestSqlOf = (expression: string, type: string) =>
    `SELECT id FROM chunks WHERE embedding_model = ${model} ORDER BY ${expression} <=> $1::${type}(${spec.dimensions}) LIMIT ${k}`;
  // Through Docent's index (its expression and element type); the truth for recall is full precision.
  const nearestSql = nearestSqlOf(embeddingExpressionText(spec), vectorType(spec));
  const exactSql = nearestSqlOf(`(embedding::vector(${spec.dimensions}))`, 'vector');
  const vectorText = (q: RetrievalQuery) => `[${q.embedding.join(',')}]`;

  const variants: Array<[string, (i: number) => Promise<unknown>]> = [
    ['docent', (i) => hybridSearch(db, input(queries[i]!))],
    ['raw', (i) => raw.unsafe(captured[i]![0]!.text, captured[i]![0]!.params as never[], { prepare: true })],
    ['vectorOnly', (i) => floor.unsafe(nearestSql, [vectorText(queries[i]!)], { prepare: true })],
  ];

  try {
    // 2. Warm up every path (buffers, prepared statements, JIT-free plans), then interleave them query by query,
    // rotating the order, so drift on a shared machine hits all of them alike.
    for (let i = 0; i < options.warmup; i++) for (const [, run] of variants) await run(i % queries.length);
    const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    for (let i = 0; i < queries.length; i++) {
      for (let j = 0; j < variants.length; j++) {
        const [name, run] = variants[(i + j) % variants.length]!;
        const started = performance.now();
        await run(i);
        times.get(name)!.push(performance.now() - started);
      }
      if ((i + 1) % 100 === 0) log(`retrieval: ${i + 1}/${queries.length} queries`);
    }
    const docent = percentiles(times.get('docent')!);
    const rawSameSql = percentiles(times.get('raw')!);

    // 3. How many chunks hold any of the question's words (BM25 scores at most TEXT_CANDIDATE_BUDGET of them).
    let textMatches = 0;
    const sample = queries.slice(0, 50);
    for (const q of sample) {
      const [row] = await raw.unsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM chunks c,
           (SELECT replace(plainto_tsquery('english', $1)::text, '&', '|') AS q) t
         WHERE t.q <> '' AND c.search_text @@ t.q::tsquery`,
        [q.text],
      );
      textMatches += row!.n;
    }

    // 4. Where the time goes, for a few questions.
    const explain: RetrievalResult['explain'] = [];
    for (const i of [0, 1, 2]) {
      const [search] = captured[i]!;
      const plan = await raw.unsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${search!.text}`, search!.params as never[]);
      explain.push({ question: queries[i]!.text, plan: compactPlan(plan.map((r) => r['QUERY PLAN']).join('\n')) });
    }
    const floorPlan = await floor.unsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${nearestSql}`, [vectorText(queries[0]!)]);
    const vectorOnlyPlan = compactPlan(floorPlan.map((r) => r['QUERY PLAN']).join('\n'));

    // 5. recall@k of the HNSW scan against an exact scan (index scans off), at Docent's ef_search and above.
    log(`recall: exact search for ${options.recallQueries} queries`);
    const exact: string[][] = [];
    const exactTimes: number[] = [];
    for (let i = 0; i < options.recallQueries; i++) {
      const started = performance.now();
      const rows = await raw.begin(async (tx) => {
        await tx.unsafe('SET LOCAL enable_indexscan = off');
        await tx.unsafe('SET LOCAL enable_bitmapscan = off');
        return tx.unsafe<Array<{ id: string }>>(exactSql, [vectorText(queries[i]!)]);
      });
      exactTimes.push(performance.now() - started);
      exact.push(rows.map((r) => r.id));
    }
    const recall: RetrievalResult['recall'] = [];
    for (const ef of [efSearch, 100, 200]) {
      let hits = 0;
      const histogram = Array.from({ length: k + 1 }, () => 0);
      const hnswTimes: number[] = [];
      for (let i = 0; i < options.recallQueries; i++) {
        const started = performance.now();
        const rows = await raw.begin(async (tx) => {
          await tx.unsafe(`SET LOCAL hnsw.ef_search = ${ef}`);
          return tx.unsafe<Array<{ id: string }>>(nearestSql, [vectorText(queries[i]!)], { prepare: true });
        });
        hnswTimes.push(performance.now() - started);
        const truth = new Set(exact[i]);
        const found = rows.filter((r) => truth.has(r.id)).length;
        hits += found;
        histogram[found]!++;
      }
      recall.push({ efSearch: ef, recallAt5: round(hits / (options.recallQueries * k), 3), queriesByHits: histogram, hnswMs: percentiles(hnswTimes) });
    }

    return {
      queries: queries.length,
      k,
      efSearch,
      docent,
      rawSameSql,
      vectorOnly: percentiles(times.get('vectorOnly')!),
      ratio: { p50: round(docent.p50 / rawSameSql.p50, 2), p95: round(docent.p95 / rawSameSql.p95, 2) },
      meanTextMatches: Math.round(textMatches / sample.length),
      recall,
      exactScanMs: percentiles(exactTimes),
      explain,
      vectorOnlyPlan,
    };
  } finally {
    await raw.end({ timeout: 5 });
    await floor.end({ timeout: 5 });
  }
}
