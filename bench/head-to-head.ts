/**
 * `npm run bench`: Docent against LlamaIndex.TS's and LangChain.js's PostgreSQL vector stores on the same
 * native PostgreSQL + pgvector (started here), the same chunks and vectors, the same top k and HNSW settings;
 * then the production app under HTTP load and the seed's Locust file. Writes bench/results/<date>.json and
 * .md and refreshes the README's performance table.
 *
 *   npm run bench [-- --chunks 100000 --queries 200 --m 16 --ef-construction 128 --ef-search 40
 *                   --http-seconds 10 --locust-seconds 20 --skip-http --out NAME --no-readme]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { parseConfig } from '@/server/config';
import { markdownSentences, VectorSpace } from './chat/dataset';
import { QUESTIONS } from './chat/questions';
import { parentPid } from './chat/procs';
import { benchRetrieval } from './chat/retrieval';
import { percentiles, round } from './chat/stats';
import { runHttpPhase } from './head-to-head/http-phase';
import { machineDescription } from './head-to-head/machine';
import { renderReport, type Report, type StoreReport } from './head-to-head/report';
import { benchDocuments, CHUNKS_PER_DOCUMENT } from './stores/dataset';
import { docentStore, rawSqlFloor } from './stores/docent';
import { langchainStore } from './stores/langchain';
import { llamaindexStore } from './stores/llamaindex';
import { combineIngest, exactNeighbours, measureIndexBuild, measureIngest, measureQueries, measureThroughput, recall, usesHnswIndex, type IngestResult } from './stores/measure';
import type { IndexSettings, StoreUnderTest } from './stores/types';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const CHUNKS = Number(arg('chunks', '100000'));
const QUERIES = Number(arg('queries', '200'));
const K = 5;
// Docent's own defaults unless told otherwise; every store gets the same.
const DEFAULT_INDEX = parseConfig({}).vectorIndex;
if (DEFAULT_INDEX.type !== 'hnsw') throw new Error('the benchmark compares HNSW indexes');
const INDEX: IndexSettings = {
  m: Number(arg('m', String(DEFAULT_INDEX.m))),
  efConstruction: Number(arg('ef-construction', String(DEFAULT_INDEX.efConstruction))),
  efSearch: Number(arg('ef-search', String(DEFAULT_INDEX.efSearch))),
};
const HTTP_SECONDS = Number(arg('http-seconds', '10'));
const LOCUST_SECONDS = Number(arg('locust-seconds', '20'));
const SKIP_HTTP = args.includes('--skip-http');
const OUT = arg('out', '');
const UPDATE_README = !args.includes('--no-readme') && !OUT && CHUNKS >= 100_000;
// Peers get batches of 500 chunks (LangChain's own chunkSize); Docent's workers take document by document.
const BATCH_DOCUMENTS = 5;
// Docent's INGEST_CONCURRENCY default, and the share of the corpus ingested with a single worker first.
const DOCENT_WORKERS = 2;
const DOCENT_ONE_WORKER_SHARE = 0.2;
const INGEST_ROUNDS = 10;
const CONCURRENCY = 4;
const THROUGHPUT_SECONDS = 5;
const SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: '6GB',
  maintenance_work_mem: '2GB',
  max_wal_size: '8GB',
  // Where PostgreSQL's time goes during the HTTP runs (bench/head-to-head/statements.ts).
  shared_preload_libraries: 'pg_stat_statements',
};

async function main(): Promise<void> {
  const started = performance.now();
  const cleanups = new Teardown();
  try {
    log('starting PostgreSQL');
    const cluster = await startBenchCluster(cleanups, SERVER_SETTINGS);
    const url = await cluster.createDatabase();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 5 }));
    // Every store searches the same graph width: the peers have no setting for it, Docent sets its own per query.
    await admin.unsafe(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET hnsw.ef_search = ${INDEX.efSearch}`);
    const docent = docentStore(url, INDEX);
    const stores: StoreUnderTest[] = [docent, llamaindexStore(url), langchainStore(url)];
    for (const store of stores) {
      await store.setup();
      cleanups.push(() => store.close());
    }

    const [versions] = await admin<Array<{ server: string; vector: string }>>`
      SELECT current_setting('server_version') AS server, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector`;

    const { sentences } = markdownSentences();
    const space = new VectorSpace();
    const documents = Math.ceil(CHUNKS / CHUNKS_PER_DOCUMENT);
    const corpus = (from: number, to: number) => benchDocuments(space, sentences, from, to);
    log(`corpus: ${documents * CHUNKS_PER_DOCUMENT} chunks in ${documents} documents, ${sentences.length} sentences of text`);

    // Ingest in rounds, store after store, so that the machine's slow and fast minutes (it is shared) fall on
    // every store alike instead of on whichever ingested first; each round adds the same documents everywhere.
    const ingested = new Map<string, { all: IngestResult[]; oneWorker: IngestResult[] }>(stores.map((s) => [s.name, { all: [], oneWorker: [] }]));
    const rounds = Math.min(INGEST_ROUNDS, documents);
    for (let round = 0; round < rounds; round++) {
      const from = Math.round((documents * round) / rounds);
      const to = Math.round((documents * (round + 1)) / rounds);
      // Docent: one worker in the first rounds (what a single-threaded pipeline does), then the worker pool's
      // default (INGEST_CONCURRENCY), which is how Docent ingests as shipped.
      const docentWorkers = round < Math.floor(rounds * DOCENT_ONE_WORKER_SHARE) ? 1 : DOCENT_WORKERS;
      const line: string[] = [];
      for (const store of stores) {
        const range =
          store === docent
            ? { from, to, batchDocuments: docentWorkers === 1 ? 1 : BATCH_DOCUMENTS * DOCENT_WORKERS, workers: docentWorkers }
            : { from, to, batchDocuments: BATCH_DOCUMENTS };
        const result = await measureIngest(store, range, corpus);
        const mine = ingested.get(store.name)!;
        (store === docent && docentWorkers === 1 ? mine.oneWorker : mine.all).push(result);
        line.push(`${store.name}${store === docent ? ` (${docentWorkers} worker${docentWorkers > 1 ? 's' : ''})` : ''} ${result.chunksPerSecond}`);
      }
      log(`ingest round ${round + 1}/${rounds}, chunks/s: ${line.join(', ')}`);
    }

    const results = new Map<string, StoreReport>();
    for (const store of stores) {
      const { all, oneWorker } = ingested.get(store.name)!;
      const ingest = combineIngest(all);
      const ingestOneWorker = oneWorker.length > 0 ? combineIngest(oneWorker) : undefined;
      log(`${store.name}: ${ingest.chunksPerSecond} chunks/s; building the HNSW index`);
      const index = await measureIndexBuild(store, INDEX, admin);
      log(`${store.name}: index ${index.seconds} s, ${index.indexMb} MB`);
      results.set(store.name, { name: store.name, usage: store.usage, ingest, ingestOneWorker, index } as StoreReport);
    }

    // Autovacuum would otherwise be working through the 300,000 rows just loaded during the measurements below.
    // Measure the database as it settles once it has passed.
    log('VACUUM ANALYZE, CHECKPOINT');
    await admin.unsafe('VACUUM ANALYZE');
    // The gigabytes just written are flushed now, not by the checkpointer while the HTTP runs measure.
    await admin.unsafe('CHECKPOINT');
    await admin.unsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    const queries = Array.from({ length: QUERIES }, (_, i) => space.query(i).map((x) => Math.round(x * 1e8) / 1e8));
    for (const store of stores) {
      const plan = await usesHnswIndex(store, admin, queries[0]!, INDEX.efSearch);
      results.get(store.name)!.usesHnswIndex = plan.used;
      if (!plan.used) log(`${store.name} does NOT use its HNSW index:\n${plan.plan}`);
    }
    log(`exact top ${K} for ${QUERIES} queries (sequential scan)`);
    const exact = await exactNeighbours(admin, 'langchain_chunks', 'id', 'embedding', queries, K);

    const floor = rawSqlFloor(docent, url);
    cleanups.push(() => floor.close());
    log('query latency, interleaved store by store');
    const measured = await measureQueries([...stores, floor], queries, K, 30);
    for (const store of [...stores, floor]) {
      const { times, answers } = measured.get(store.name)!;
      log(`${store.name}: throughput at ${CONCURRENCY} concurrent queries`);
      const qps = await measureThroughput(store, queries, K, CONCURRENCY, THROUGHPUT_SECONDS);
      const entry = results.get(store.name) ?? ({ name: store.name, usage: store.usage } as StoreReport);
      results.set(store.name, { ...entry, query: { latencyMs: percentiles(times), qps, concurrency: CONCURRENCY, recallAt5: recall(answers, exact) } });
    }

    log('Docent hybrid retrieval (chat) against the same SQL sent raw');
    const captureUrl = await cluster.createDatabase();
    const captureStore = docentStore(captureUrl, INDEX);
    await captureStore.setup();
    await captureStore.close();
    const hybrid = await benchRetrieval({
      url,
      captureUrl,
      db: docent.db,
      spec: docent.spec,
      queries: queries.map((embedding, i) => ({ text: QUESTIONS[i % QUESTIONS.length]!, embedding })),
      warmup: 30,
      recallQueries: Math.min(100, QUERIES),
      log,
    });

    const http = SKIP_HTTP
      ? undefined
      : await runHttpPhase({
          url,
          smallCorpusUrl: await cluster.createDatabase(),
          postgresPid: await postmasterPid(admin),
          admin,
          index: INDEX,
          model: docent.spec.model,
          seconds: HTTP_SECONDS,
          locustSeconds: LOCUST_SECONDS,
          log,
        });

    const report: Report = {
      date: new Date().toISOString(),
      machine: machineDescription(`PostgreSQL ${versions!.server}, pgvector ${versions!.vector}`),
      settings: { chunks: documents * CHUNKS_PER_DOCUMENT, documents, queries: QUERIES, k: K, index: INDEX, docentIndexPrecision: docent.spec.index.precision, batchDocumentsPeers: BATCH_DOCUMENTS, docentWorkers: DOCENT_WORKERS, docentOneWorkerShare: DOCENT_ONE_WORKER_SHARE, concurrency: CONCURRENCY, postgres: SERVER_SETTINGS },
      stores: [...results.values()],
      hybrid,
      http,
      elapsedSeconds: round((performance.now() - started) / 1000),
    };
    const dir = path.join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const base = path.join(dir, `${report.date.slice(0, 10)}${OUT ? `-${OUT}` : ''}`);
    const markdown = renderReport(report);
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${base}.md`, `${markdown}\n`);
    if (UPDATE_README) updateReadme(markdown);
    console.log(`${markdown}\n\nwritten to ${path.relative(process.cwd(), base)}.json and .md (${report.elapsedSeconds} s)`);
    if (http?.failedRequests) process.exitCode = 1;
  } finally {
    await cleanups.run();
  }
}

/** The server's postmaster: its children are the backends whose CPU the HTTP runs count. */
async function postmasterPid(admin: postgres.Sql): Promise<number> {
  const [row] = await admin<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
  const pid = parentPid(row!.pid);
  if (!pid) throw new Error('cannot find the PostgreSQL postmaster');
  return pid;
}

/** Replaces the README's table between its bench markers with this run's. */
function updateReadme(markdown: string): void {
  const file = path.join(import.meta.dirname, '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    log('README.md has no bench markers: not updated');
    return;
  }
  writeFileSync(file, `${readme.slice(0, a + start.length)}\n${markdown}\n${readme.slice(b)}`);
  log('README.md performance table updated');
}

await main();
