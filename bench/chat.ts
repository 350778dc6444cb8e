/**
 * Chat benchmark with a zero-latency fake model, over ≥ 100K chunks on PostgreSQL + pgvector:
 *   - bulk load (binary COPY, vector index dropped) and the HNSW index build, timed, with the index size;
 *   - retrieval latency in this process: Docent's hybridSearch vs the same SQL sent by a plain postgres.js
 *     client vs the bare vector nearest-neighbour query, and recall@5 of the HNSW index vs exact search;
 *   - the production app (`npm start`: scripts/serve.mjs) under a closed-loop load at 1, 10 and 50 concurrent clients:
 *     time to first token and total latency p50/p95/p99, requests/s, errors, RSS and CPU per request by process;
 *     plus one run at 10 clients with the response cache on.
 *
 *   npm run bench:chat [-- --chunks 100000 --seconds 15 --queries 300 --levels 1,10,50] [--cpu-prof] [--out NAME]
 *   npm run bench:chat -- --retrieval-only [--out NAME]   (the dataset and retrieval latency only: no app, no build)
 *
 * Needs the native PostgreSQL with pgvector (scripts/install-test-deps.sh) and a production build (npm run build).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openPostgres, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { vectorSearchSettings } from '@/db/queries/chunk-search';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import { ensureVectorIndex, vectorIndexName, type VectorIndexSpec } from '@/db/vector-index';
import { parseConfig } from '@/server/config';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec } from '@/server/services';
import { CHUNK_COPY_COLUMNS, documentRows, markdownSentences, VectorSpace, writeChunks } from './chat/dataset';
import { runLoad, type LoadResult } from './chat/load';
import { buildRunning, cpuByPid, cpuDelta, hasBuild, memoryMb, parentPid, spawnApp, spawnFakeOpenAI, waitForBuild, type Spawned } from './chat/procs';
import { QUESTIONS } from './chat/questions';
import { benchRetrieval, type RetrievalResult } from './chat/retrieval';
import { summarise } from './chat/profile-summary';
import { fmt, round } from './chat/stats';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const CHUNKS = Number(arg('chunks') ?? 100_000);
const SECONDS = Number(arg('seconds') ?? 15);
const QUERIES = Number(arg('queries') ?? 300);
const LEVELS = (arg('levels') ?? '1,10,50').split(',').map(Number);
// Profiles the app (V8 --cpu-prof, written when it stops) and prints where its CPU time goes.
const CPU_PROF = args.includes('--cpu-prof');
// Results go to bench/results/chat-<date>[-<out>].json.
const OUT = arg('out');
// A change to the search SQL needs a before/after pair of retrieval latencies, not the ten minutes of HTTP load.
const RETRIEVAL_ONLY = args.includes('--retrieval-only');
const CHUNKS_PER_DOCUMENT = 100;
const WARMUP_SECONDS = 3;
const RECALL_QUERIES = 100;
// For this run only: the index build wants its graph in memory, queries want the table and index in shared_buffers.
const SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  maintenance_work_mem: '2GB',
  max_wal_size: '8GB',
};


interface ChatRun extends LoadResult {
  label: string;
  responseCache: boolean;
  /** Resident memory of the app's process tree (MB): highest VmRSS sampled during the run, VmHWM at its end. */
  appRssMb: { peakSampled: number; hwm: number; processes: number };
  /** CPU milliseconds per successful request, by process (tree). */
  cpuMsPerRequest: { app: number; postgres: number; fakeModel: number; loadGenerator: number };
  /** Share of the machine's CPU used during the run (100% = all cores busy). */
  machineCpuPercent: number;
}

interface Report {
  date: string;
  machine: string;
  settings: Record<string, unknown>;
  dataset: {
    chunks: number;
    documents: number;
    contentMb: number;
    loadSeconds: number;
    chunksPerSecond: number;
    indexBuildSeconds: number;
    indexMb: number;
    tableMb: number;
  };
  retrieval: RetrievalResult;
  chat: ChatRun[];
  chatError?: string;
  elapsedSeconds: number;
}

function machineTicks(): number {
  return os.cpus().reduce((s, c) => s + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}

/** Runs one load level against the app, measuring CPU by process and the app's memory while it runs. */
async function measuredLoad(
  label: string,
  app: Spawned,
  others: { postmaster: number; fake: number },
  options: { concurrency: number; requestsPerSession: number; responseCache: boolean },
): Promise<ChatRun> {
  const base = { baseUrl: app.url, concurrency: options.concurrency, requestsPerSession: options.requestsPerSession, questions: QUESTIONS };
  await runLoad({ ...base, seconds: WARMUP_SECONDS, tag: `${label}-warm` });
  const before = { app: cpuByPid(app.pid), pg: cpuByPid(others.postmaster), fake: cpuByPid(others.fake), self: process.cpuUsage(), machine: machineTicks() };
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryMb(app.pid).rss)), 250);
  const result = await runLoad({ ...base, seconds: SECONDS, tag: label });
  clearInterval(sampler);
  const self = process.cpuUsage(before.self);
  const machine = machineTicks() - before.machine;
  const ok = Math.max(1, result.requests - result.errors);
  const perRequest = (seconds: number) => round((seconds * 1000) / ok, 2);
  const memory = memoryMb(app.pid);
  return {
    label,
    responseCache: options.responseCache,
    ...result,
    appRssMb: { peakSampled: Math.max(peak, memory.rss), hwm: memory.hwm, processes: memory.processes },
    cpuMsPerRequest: {
      app: perRequest(cpuDelta(before.app, cpuByPid(app.pid))),
      postgres: perRequest(cpuDelta(before.pg, cpuByPid(others.postmaster))),
      fakeModel: perRequest(cpuDelta(before.fake, cpuByPid(others.fake))),
      loadGenerator: perRequest((self.user + self.system) / 1e6),
    },
    machineCpuPercent: round((machine / (result.seconds * 1000 * os.cpus().length)) * 100, 0),
  };
}

async function loadDataset(db: Database, url: string, spec: VectorIndexSpec): Promise<Report['dataset']> {
  const documents = Math.ceil(CHUNKS / CHUNKS_PER_DOCUMENT);
  const plan = { documents, chunksPerDocument: CHUNKS_PER_DOCUMENT };
  const { sentences, sources } = markdownSentences();
  log(`text: ${sentences.length} sentences from ${sources.length} Markdown files`);
  const space = new VectorSpace();
  const docs = documentRows(plan, sources, DEFAULT_VAULT_ID);
  // Load with the vector index dropped (it is re-created afterwards, exactly as Docent creates it).
  await db.orm.execute(sql.raw(`DROP INDEX IF EXISTS "${vectorIndexName(spec)}"`));

  const client = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    for (let i = 0; i < docs.length; i += 500) {
      await client`INSERT INTO documents ${client(docs.slice(i, i + 500).map((d) => d.row))}`;
    }
    const stream = await client.unsafe(`COPY chunks (${CHUNK_COPY_COLUMNS}) FROM STDIN (FORMAT binary)`).writable();
    let lastLog = 0;
    await writeChunks(stream, space, docs, plan, sentences, DEFAULT_VAULT_ID, spec.model, (n) => {
      if (n - lastLog >= 20_000) {
        lastLog = n;
        log(`loaded ${n}/${documents * CHUNKS_PER_DOCUMENT} chunks`);
      }
    });
  } finally {
    await client.end({ timeout: 5 });
  }
  const loadSeconds = (performance.now() - started) / 1000;
  log(`load: ${round(loadSeconds)} s; building the HNSW index`);

  const indexStarted = performance.now();
  await ensureVectorIndex(db, spec);
  const indexBuildSeconds = (performance.now() - indexStarted) / 1000;
  log(`index build: ${round(indexBuildSeconds)} s; ANALYZE`);
  await db.orm.execute(sql`ANALYZE`);

  const [sizes] = await db.rows<{ chunks: number; index_bytes: string; table_bytes: string; content_bytes: string }>(
    sql`SELECT (SELECT count(*)::int FROM chunks) AS chunks,
               pg_relation_size(${vectorIndexName(spec)}::regclass)::text AS index_bytes,
               pg_total_relation_size('chunks')::text AS table_bytes,
               (SELECT sum(octet_length(content))::text FROM chunks) AS content_bytes`,
  );
  return {
    chunks: sizes!.chunks,
    documents,
    contentMb: round(Number(sizes!.content_bytes) / 2 ** 20),
    loadSeconds: round(loadSeconds),
    chunksPerSecond: Math.round(sizes!.chunks / loadSeconds),
    indexBuildSeconds: round(indexBuildSeconds),
    indexMb: round(Number(sizes!.index_bytes) / 2 ** 20),
    tableMb: round(Number(sizes!.table_bytes) / 2 ** 20),
  };
}

function tables(report: Report): string {
  const d = report.dataset;
  const r = report.retrieval;
  const dataset = [
    '| chunks | documents | text (MB) | load (s) | chunks/s | HNSW build (s) | index (MB) | chunks table + indexes (MB) |',
    '|---|---|---|---|---|---|---|---|',
    `| ${d.chunks} | ${d.documents} | ${d.contentMb} | ${d.loadSeconds} | ${d.chunksPerSecond} | ${d.indexBuildSeconds} | ${d.indexMb} | ${d.tableMb} |`,
  ];
  const retrieval = [
    `| retrieval (${r.queries} sequential queries, k=${r.k}, ef_search=${r.efSearch}) | p50 / p95 / p99 (ms) |`,
    '|---|---|',
    `| Docent hybridSearch (drizzle, one statement) | ${fmt(r.docent)} |`,
    `| same SQL, plain postgres.js (prepared, same settings) | ${fmt(r.rawSameSql)} |`,
    `| vector-only nearest neighbours (floor) | ${fmt(r.vectorOnly)} |`,
    `| exact vector search (no index) | ${fmt(r.exactScanMs)} |`,
    '',
    `Docent / raw SQL: ${r.ratio.p50}× at p50, ${r.ratio.p95}× at p95. Full-text OR query matches ${r.meanTextMatches} chunks on average.`,
    `Vector-only query uses the HNSW index: ${/Index Scan using idx_chunks_vec/.test(r.vectorOnlyPlan) ? 'yes' : 'NO'}.`,
    `recall@${r.k}: ${r.recall.map((x) => `${x.recallAt5} at ef_search=${x.efSearch} (p50 ${x.hnswMs.p50} ms; queries finding 0…${r.k} of the exact top ${r.k}: ${x.queriesByHits.join('/')})`).join(', ')}`,
  ];
  const chat = [
    '| run | clients | requests | errors | req/s | TTFT p50 / p95 / p99 (ms) | total p50 / p95 / p99 (ms) | app RSS peak / HWM (MB) | CPU ms/req app · pg · fake · loadgen | CPU busy |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.chat.map(
      (c) =>
        `| ${c.label}${c.responseCache ? ` (${c.cachedAnswers} cached)` : ''} | ${c.concurrency} | ${c.requests} | ${c.errors} | ${c.requestsPerSecond} | ${fmt(c.ttftMs)} | ${fmt(c.totalMs)} | ${c.appRssMb.peakSampled} / ${c.appRssMb.hwm} | ${c.cpuMsPerRequest.app} · ${c.cpuMsPerRequest.postgres} · ${c.cpuMsPerRequest.fakeModel} · ${c.cpuMsPerRequest.loadGenerator} | ${c.machineCpuPercent}% |`,
    ),
  ];
  return [dataset.join('\n'), retrieval.join('\n'), chat.join('\n')].join('\n\n');
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  if (!RETRIEVAL_ONLY && !hasBuild() && !buildRunning()) {
    console.error('No production build (.next/BUILD_ID): run `npm run build` first, then `npm run bench:chat`.');
    process.exitCode = 1;
    return;
  }
  const cleanups = new Teardown();

  try {
    log('starting PostgreSQL');
    const cluster = await startBenchCluster(cleanups, SERVER_SETTINGS);

    const fake = await spawnFakeOpenAI();
    cleanups.push(() => fake.stop());
    log(`fake model at ${fake.url} (pid ${fake.pid})`);

    const url = await cluster.createDatabase();
    const config = parseConfig({ DATABASE_URL: url, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'bench', LOG_LEVEL: 'silent' });
    if (config.database.driver !== 'postgres') throw new Error('expected PostgreSQL');
    const spec = vectorIndexSpec(config, createProviders(config));
    const db = openPostgres(config.database, undefined, vectorSearchSettings(config.vectorIndex));
    cleanups.push(() => db.close());
    await migrateDatabase(db, spec);

    const [pg] = await db.rows<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
    const postmaster = parentPid(pg!.pid)!;

    log(`loading ${CHUNKS} chunks`);
    const dataset = await loadDataset(db, url, spec);

    log('retrieval latency');
    const space = new VectorSpace();
    const queries = Array.from({ length: QUERIES }, (_, i) => ({ text: QUESTIONS[i % QUESTIONS.length]!, embedding: space.query(i) }));
    const captureUrl = await cluster.createDatabase();
    const captureDb = openPostgres({ ...config.database, url: captureUrl }, undefined, vectorSearchSettings(config.vectorIndex));
    await migrateDatabase(captureDb, spec);
    await captureDb.close();
    const retrieval = await benchRetrieval({ url, captureUrl, db, spec, queries, warmup: 30, recallQueries: Math.min(RECALL_QUERIES, QUERIES), log });
    await db.close();
    cleanups.done();

    const chat: ChatRun[] = [];
    const appEnv = { DATABASE_URL: url, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'bench', INGEST_WORKER: 'false', MAINTENANCE_INTERVAL_HOURS: '0', LOG_LEVEL: 'warn' };
    // The build may be being replaced by another `next build` on this machine: wait for it rather than fail.
    let chatError: string | undefined;
    try {
      if (!RETRIEVAL_ONLY) await waitForBuild(log);
      for (const responseCache of RETRIEVAL_ONLY ? [] : [false, true]) {
        log(`starting the app (response cache ${responseCache ? 'on' : 'off'})`);
        const profileDir = CPU_PROF ? mkdtempSync(path.join(os.tmpdir(), 'docent-chat-prof-')) : undefined;
        const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
        const app = await spawnApp(responseCache ? appEnv : { ...appEnv, RESPONSE_CACHE_TTL: '0' }, nodeArgs);
        cleanups.push(() => app.stop());
        const levels = responseCache ? [10] : LEVELS;
        for (const concurrency of levels) {
          const label = responseCache ? 'response cache on' : 'cache off';
          log(`chat: ${concurrency} clients for ${SECONDS} s (${label})`);
          // With the cache on, every request opens a new session: the cache key includes the history.
          const run = await measuredLoad(`${label}`, app, { postmaster, fake: fake.pid }, {
            concurrency,
            requestsPerSession: responseCache ? 1 : 5,
            responseCache,
          });
          chat.push(run);
          log(`  ${run.requestsPerSecond} req/s, TTFT ${fmt(run.ttftMs)} ms, total ${fmt(run.totalMs)} ms, ${run.errors} errors`);
          if (run.errorSamples.length > 0) log(`  errors: ${run.errorSamples.join(' | ')}`);
        }
        const tail = app.output().trim();
        if (tail) log(`app output (last 2000 chars):\n${tail.slice(-2000)}`);
        await app.stop();
        cleanups.done();
        for (const file of profileDir ? readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')) : []) {
          const full = path.join(profileDir!, file);
          log(`app CPU profile (response cache ${responseCache ? 'on' : 'off'}): ${full}\n${summarise(JSON.parse(readFileSync(full, 'utf8')), 20)}`);
        }
      }
    } catch (error) {
      chatError = error instanceof Error ? error.message : String(error);
      log(`chat runs failed: ${chatError}`);
      process.exitCode = 1;
    }

    const report: Report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      settings: {
        chunks: CHUNKS,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        levels: LEVELS,
        embeddingModel: spec.model,
        dimensions: spec.dimensions,
        index: spec.index,
        dbPoolMax: config.database.poolMax,
        postgres: SERVER_SETTINGS,
        questions: QUESTIONS.length,
        requestsPerSession: 5,
      },
      dataset,
      retrieval,
      chat,
      ...(chatError ? { chatError } : {}),
      elapsedSeconds: round((performance.now() - runStarted) / 1000),
    };
    mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
    const file = path.join(import.meta.dirname, 'results', `chat-${report.date.slice(0, 10)}${OUT ? `-${OUT}` : ''}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`${report.machine}\n\n${tables(report)}\n\nwritten to ${path.relative(process.cwd(), file)} (${report.elapsedSeconds} s)`);
  } finally {
    await cleanups.run();
  }
}

await main();
