/**
 * Ingestion benchmark: documents/s and chunks/s over ≥ 20 MB of mixed real text (HTML, Markdown, plain text),
 * for the offline embedder on PGlite and on PostgreSQL, and for an OpenAI-compatible server (the zero-latency
 * fake) on PostgreSQL; with peak RSS and the latency of one document on an idle system (the guide: < 5 s).
 *
 *   npm run bench:ingest [-- --mb 20] [--embedding offline-use] [--modes pglite,postgres,openai] [--cases big-pdf,…]
 *
 * --embedding names the offline embedder (EMBEDDING_MODEL); --modes runs only some configurations (`none`: none).
 *
 * Then the extra cases (bench/ingest/<key>-case.ts; --cases picks some, `none` skips them): each ingests its own
 * documents (a 500-page PDF, scans to OCR…) on PostgreSQL with the offline embedder, reporting its units per
 * second (pages/s), the peak RSS of the ingesting process, and chat time to first token p50/p95 asked in that
 * same process while it ingests, next to the same questions on the idle process (bench/ingest/run-case.ts).
 *
 * Each configuration runs in a child process of its own so its peak RSS is its own. Needs the test
 * dependencies (scripts/install-test-deps.sh) for the native PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { parseConfig } from '@/server/config';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import { MemoryStore } from '@/server/cache/memory-store';
import { createLogger } from '@/server/logger';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec, type Services } from '@/server/services';
import { startPostgresCluster } from '@/test/support/postgres-cluster';
import { startFakeOpenAI } from '@/test/support/fake-openai';
import { buildCorpus, corpusBytes } from './corpus';
import { caseKeys, loadCase } from './ingest/case';
import { runCase, type CaseResult } from './ingest/run-case';
import { BENCH_CALLER } from './support/bench-caller';

interface ModeResult {
  mode: string;
  documents: number;
  megabytes: number;
  chunks: number;
  failed: number;
  submitSeconds: number;
  processSeconds: number;
  documentsPerSecond: number;
  chunksPerSecond: number;
  megabytesPerSecond: number;
  singleDocumentMs: { p50: number; p95: number; bytes: number };
  peakRssMb: number;
}

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const MB = Number(arg('mb') ?? 20);
const EMBEDDING = arg('embedding');
const MODES = (arg('modes') ?? 'pglite,postgres,openai').split(',');
const CASES = arg('cases') === undefined ? caseKeys() : arg('cases') === 'none' ? [] : arg('cases')!.split(',');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitUntil(check: () => Promise<boolean>, intervalMs: number): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, intervalMs));
}

/** One configuration, in this process: submit the corpus, let the worker drain it, then time single documents. */
async function runMode(mode: string, env: Record<string, string>): Promise<ModeResult> {
  const config = parseConfig({ ...env, LOG_LEVEL: 'silent' });
  const providers = createProviders(config);
  const db = await openDatabase(config.database);
  await migrateDatabase(db, vectorIndexSpec(config, providers));
  const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');
  const services: Services = { config, providers, db, logger, cache: new MemoryStore(), startedAt: new Date() };
  const corpus = buildCorpus(MB * 1024 * 1024);

  const submitStarted = performance.now();
  for (const doc of corpus) await submitDocument(services, BENCH_CALLER, doc);
  const submitSeconds = (performance.now() - submitStarted) / 1000;

  const settled = async () => {
    const [row] = await db.rows<{ open: number }>(sql`SELECT count(*)::int AS open FROM documents WHERE status IN ('queued', 'processing')`);
    return row!.open === 0;
  };
  const worker = new IngestWorker(services, {
    concurrency: config.ingest.concurrency,
    leaseSeconds: config.ingest.leaseSeconds,
    maxAttempts: config.ingest.maxAttempts,
    pollIntervalMs: 20,
  });
  const processStarted = performance.now();
  worker.start();
  await waitUntil(settled, 100);
  const processSeconds = (performance.now() - processStarted) / 1000;

  const [totals] = await db.rows<{ chunks: number; failed: number }>(
    sql`SELECT (SELECT count(*)::int FROM chunks) AS chunks, (SELECT count(*)::int FROM documents WHERE status = 'failed') AS failed`,
  );

  // One document at a time on an idle system: the latency a user waits for after an upload.
  const sample = corpus.find((d) => d.mimeType === 'text/html' && d.content.byteLength > 8_000) ?? corpus[0]!;
  const latencies: number[] = [];
  for (let i = 0; i < 10; i++) {
    const content = new Uint8Array([...sample.content, ...new TextEncoder().encode(`\n<p>Revision ${i} of ${mode}.</p>`)]);
    const started = performance.now();
    const { documentId } = await submitDocument(services, BENCH_CALLER, { ...sample, content });
    await waitUntil(async () => {
      const [row] = await db.rows<{ status: string }>(sql`SELECT status FROM documents WHERE id = ${documentId}`);
      return row!.status === 'ready' || row!.status === 'failed';
    }, 5);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  await worker.stop();
  await db.close();

  const megabytes = corpusBytes(corpus) / 1024 / 1024;
  return {
    mode,
    documents: corpus.length,
    megabytes: round(megabytes),
    chunks: totals!.chunks,
    failed: totals!.failed,
    submitSeconds: round(submitSeconds),
    processSeconds: round(processSeconds),
    documentsPerSecond: round(corpus.length / processSeconds),
    chunksPerSecond: round(totals!.chunks / processSeconds),
    megabytesPerSecond: round(megabytes / processSeconds),
    singleDocumentMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), bytes: sample.content.byteLength },
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function runChild<T>(childArgs: string[], env: Record<string, string>): Promise<T> {
  const mode = childArgs.join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...childArgs, '--mb', String(MB)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(last) as T);
      else reject(new Error(`${mode} exited with ${code}: ${out}`));
    });
  });
}

function table(results: ModeResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.mode} | ${r.documents} | ${r.megabytes} | ${r.chunks} | ${r.documentsPerSecond} | ${r.chunksPerSecond} | ${r.megabytesPerSecond} | ${r.singleDocumentMs.p50} / ${r.singleDocumentMs.p95} | ${r.peakRssMb} | ${r.failed} |`,
  );
  return [
    '| configuration | documents | MB | chunks | documents/s | chunks/s | MB/s | one document p50 / p95 (ms) | peak RSS (MB) | failed |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function caseTable(cases: CaseResult[]): string {
  const rows = cases.map(
    (c) =>
      `| ${c.case} | ${c.units} ${c.unit} | ${c.seconds} | ${c.unitsPerSecond} ${c.unit}/s | ${c.chunks} | ${c.rssMb.before} → ${c.rssMb.peak} | ${c.ttftIdleMs.p50} / ${c.ttftIdleMs.p95} (${c.ttftIdleMs.turns}) | ${c.ttftDuringMs.p50} / ${c.ttftDuringMs.p95} (${c.ttftDuringMs.turns}) | ${c.ttftAfterMs.p50} / ${c.ttftAfterMs.p95} | ${c.failed} |`,
  );
  return [
    '| case (PostgreSQL, offline embedder) | size | s | rate | chunks | RSS before → peak (MB) | chat TTFT idle p50 / p95 ms (turns) | chat TTFT during p50 / p95 ms (turns) | chat TTFT after p50 / p95 ms | failed |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function orchestrate(): Promise<void> {
  const cluster = await startPostgresCluster();
  const fake = await startFakeOpenAI({ embeddingDimensions: 1536 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docent-bench-'));
  try {
    const results: ModeResult[] = [];
    const offline: Record<string, string> = EMBEDDING ? { EMBEDDING_MODEL: EMBEDDING } : {};
    const label = `offline embedder${EMBEDDING ? ` (${EMBEDDING})` : ''}`;
    const modes: Array<[string, string, () => Promise<Record<string, string>>]> = [
      ['pglite', `${label}, PGlite`, async () => ({ DATA_DIR: dataDir, ...offline })],
      ['postgres', `${label}, PostgreSQL`, async () => ({ DATABASE_URL: await cluster.createDatabase(), ...offline })],
      ['openai', 'OpenAI-compatible (fake, 0 ms), PostgreSQL', async () => ({ DATABASE_URL: await cluster.createDatabase(), OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'bench' })],
    ];
    for (const [key, mode, envOf] of modes) {
      if (!MODES.includes(key)) continue;
      const env = await envOf();
      console.error(`running: ${mode}`);
      results.push(await runChild<ModeResult>(['--mode', mode], env));
    }
    const cases: CaseResult[] = [];
    for (const key of CASES) {
      console.error(`running case: ${key}`);
      cases.push(await runChild<CaseResult>(['--case', key], { DATABASE_URL: await cluster.createDatabase(), ...offline }));
    }
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      results,
      cases,
    };
    mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
    const file = path.join(import.meta.dirname, 'results', `ingest-${report.date.slice(0, 10)}${EMBEDDING ? `-${EMBEDDING}` : ''}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`${report.machine}\n\n${table(results)}\n\n${caseTable(cases)}\n\nwritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    await fake.close();
    await cluster.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mode = arg('mode');
const caseKey = arg('case');
if (caseKey) {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  console.log(JSON.stringify(await runCase(await loadCase(caseKey), env)));
  process.exit(0);
} else if (mode) {
  const result = await runMode(mode, Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)));
  console.log(JSON.stringify(result));
  process.exit(0);
} else {
  await orchestrate();
}
