/**
 * `npx tsx bench/index-precision.ts [--chunks 100000]`: Docent's HNSW index over full-precision `vector` against
 * half-precision `halfvec` on the same table and data (bench/NOTES.md §12): build time, size, recall@5 against an
 * exact full-precision scan, and search latency with each question asked through both indexes alternately.
 */
import postgres from 'postgres';
import { createIndexStatement, embeddingExpressionText, vectorIndexName, vectorType, type VectorIndexSpec } from '@/db/vector-index';
import { markdownSentences, VectorSpace } from './chat/dataset';
import { percentiles } from './chat/stats';
import { benchDocuments, CHUNKS_PER_DOCUMENT } from './stores/dataset';
import { DOCENT_MODEL, docentStore } from './stores/docent';
import { exactNeighbours } from './stores/measure';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const chunksArg = args.indexOf('--chunks');
const CHUNKS = chunksArg >= 0 ? Number(args[chunksArg + 1]) : 100_000;
const QUERIES = 200;
const PRECISIONS = ['full', 'half'] as const;
const INDEX = { m: 16, efConstruction: 200, efSearch: 40 };

async function main(): Promise<void> {
  const teardown = new Teardown();
  try {
    const cluster = await startBenchCluster(teardown, { shared_buffers: '6GB', maintenance_work_mem: '2GB', max_wal_size: '8GB' });
    const url = await cluster.createDatabase();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    teardown.push(() => admin.end({ timeout: 5 }));
    const store = docentStore(url, INDEX);
    await store.setup(); // without a vector index: both are built below
    teardown.push(() => store.close());

    const { sentences } = markdownSentences();
    const space = new VectorSpace();
    const documents = Math.ceil(CHUNKS / CHUNKS_PER_DOCUMENT);
    for (let from = 0; from < documents; from += 20) await store.ingest(benchDocuments(space, sentences, from, Math.min(documents, from + 20)), 2);
    await admin.unsafe('VACUUM ANALYZE chunks');
    await admin.unsafe('CHECKPOINT');
    log(`${documents * CHUNKS_PER_DOCUMENT} chunks loaded`);

    // Docent's own index definitions and search expressions at each precision: their names differ, so both coexist.
    const variants = PRECISIONS.map((precision) => {
      const spec: VectorIndexSpec = { ...store.spec, index: { ...store.spec.index, precision } };
      const type = vectorType(spec);
      const search = `SELECT id::text AS id FROM chunks WHERE embedding_model = '${DOCENT_MODEL}'
                      ORDER BY ${embeddingExpressionText(spec)} <=> $1::${type}(${spec.dimensions}) LIMIT 5`;
      return { spec, type, name: vectorIndexName(spec), search, times: [] as number[], hits: 0 };
    });
    for (const { spec, type, name } of variants) {
      const started = performance.now();
      await admin.unsafe(createIndexStatement(spec));
      const seconds = (performance.now() - started) / 1000;
      const [row] = await admin<Array<{ bytes: string }>>`SELECT pg_relation_size(${name}::regclass)::text AS bytes`;
      log(`${type}: built in ${seconds.toFixed(1)} s, ${(Number(row!.bytes) / 2 ** 20).toFixed(1)} MB`);
    }
    await admin.unsafe('ANALYZE chunks');

    const queries = Array.from({ length: QUERIES }, (_, i) => space.query(i).map((x) => Math.round(x * 1e8) / 1e8));
    const exact = await exactNeighbours(admin, 'chunks', 'id', 'embedding', queries, 5);
    const client = postgres(url, { max: 1, onnotice: () => {} });
    teardown.push(() => client.end({ timeout: 5 }));
    for (const { type, name, search } of variants) {
      const plan = await client.unsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${search}`, [`[${queries[0]!.join(',')}]`]);
      if (!plan.some((r) => r['QUERY PLAN'].includes(name))) throw new Error(`the ${type} search does not use its index`);
    }
    for (const ef of [40, 100]) {
      await client.unsafe(`SET hnsw.ef_search = ${ef}`);
      for (const variant of variants) {
        variant.times = [];
        variant.hits = 0;
      }
      // Two rounds, the order of the two indexes swapped in the second, so neither always searches a warm cache.
      for (const [round, order] of [variants, [...variants].reverse()].entries()) {
        for (let i = 0; i < queries.length; i++) {
          for (const variant of order) {
            const started = performance.now();
            const rows = await client.unsafe<Array<{ id: string }>>(variant.search, [`[${queries[i]!.join(',')}]`], { prepare: true });
            variant.times.push(performance.now() - started);
            if (round === 0) variant.hits += rows.filter((r) => exact[i]!.includes(r.id)).length;
          }
        }
      }
      for (const { type, times, hits } of variants) {
        const p = percentiles(times);
        log(`ef_search ${ef}, ${type}: recall@5 ${(hits / (5 * QUERIES)).toFixed(3)}, search p50 ${p.p50} / p95 ${p.p95} / p99 ${p.p99} ms`);
      }
    }
  } finally {
    await teardown.run();
  }
}

await main();
