import type { RetrievalResult } from '../chat/retrieval';
import { fmt, round, type Percentiles } from '../chat/stats';
import { locustTable } from '../http/locust';
import { httpTable, type HttpScenarioResult } from '../http/run-http';
import type { IngestResult, IndexResult, QueryResult } from '../stores/measure';
import type { HttpPhase } from './http-phase';
import { statementsTable } from './statements';

export interface StoreReport {
  name: string;
  usage: string;
  ingest?: IngestResult;
  /** Docent only: its ingest with a single worker (`ingest` is with the worker pool's default). */
  ingestOneWorker?: IngestResult;
  index?: IndexResult;
  usesHnswIndex?: boolean;
  query?: QueryResult;
}

export interface Report {
  date: string;
  machine: string;
  settings: Record<string, unknown> & { chunks: number; k: number; index: { m: number; efConstruction: number; efSearch: number }; docentIndexPrecision?: 'half' | 'full' };
  stores: StoreReport[];
  hybrid: RetrievalResult;
  http?: HttpPhase;
  elapsedSeconds: number;
}

const DOCENT = 'Docent';
const FLOOR = 'raw SQL (floor)';

const ratio = (a: number, b: number) => `${round(a / b, 2)}×`;
const triple = (p: Percentiles) => `${p.p50} / ${p.p95} / ${p.p99}`;

function storesTable(report: Report): string {
  const docent = report.stores.find((s) => s.name === DOCENT)!;
  const oneWorker = docent.ingestOneWorker;
  const rows = report.stores.map((s) => {
    const ingest = s.ingest ? `${s.ingest.chunksPerSecond}${s.ingestOneWorker ? ` (1 worker: ${s.ingestOneWorker.chunksPerSecond})` : ''}` : '–';
    const versus =
      s.ingest && docent.ingest && s !== docent
        ? `${ratio(docent.ingest.chunksPerSecond, s.ingest.chunksPerSecond)}${oneWorker ? ` (1 worker: ${ratio(oneWorker.chunksPerSecond, s.ingest.chunksPerSecond)})` : ''}`
        : '–';
    const index = s.index ? `${s.index.seconds} s / ${s.index.indexMb} MB` : '–';
    const table = s.index ? `${s.index.tableMb}` : '–';
    const q = s.query;
    return `| ${s.name} | ${ingest} | ${versus} | ${index} | ${table} | ${q ? triple(q.latencyMs) : '–'} | ${q ? q.qps : '–'} | ${q ? q.recallAt5 : '–'} | ${s.usesHnswIndex === undefined ? '–' : s.usesHnswIndex ? 'yes' : '**no**'} |`;
  });
  return [
    `| store | ingest (chunks/s) | Docent's ingest is | HNSW build / size | table + indexes (MB) | query p50 / p95 / p99 (ms) | queries/s (${report.stores[0]?.query?.concurrency ?? 4} in flight) | recall@${report.settings.k} | uses HNSW |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function targets(report: Report): string[] {
  const docent = report.stores.find((s) => s.name === DOCENT)!;
  const floor = report.stores.find((s) => s.name === FLOOR);
  const peers = report.stores.filter((s) => s.name !== DOCENT && s.name !== FLOOR && s.ingest);
  const out: string[] = [];
  const say = (what: string, value: string, met: boolean, gap: string) => out.push(`| ${what} | ${value} | ${met ? 'met' : `**missed** (${gap})`} |`);
  if (floor?.query && docent.query) {
    const r = docent.query.latencyMs.p50 / floor.query.latencyMs.p50;
    say('vector retrieval within 3× of raw SQL (p50)', `${round(r, 2)}× (${docent.query.latencyMs.p50} vs ${floor.query.latencyMs.p50} ms)`, r <= 3, `${round(r / 3, 2)}× over`);
  }
  const h = report.hybrid.ratio.p50;
  say('chat (hybrid) retrieval within 3× of the same SQL sent raw (p50)', `${h}×`, h <= 3, `${round(h / 3, 2)}× over`);
  if (docent.query) say('recall@5 ≥ 0.95', `${docent.query.recallAt5}`, docent.query.recallAt5 >= 0.95, `${round(0.95 - docent.query.recallAt5, 3)} short`);
  for (const peer of peers) {
    const r = docent.ingest!.chunksPerSecond / peer.ingest!.chunksPerSecond;
    const one = docent.ingestOneWorker ? ` (one worker: ${round(docent.ingestOneWorker.chunksPerSecond / peer.ingest!.chunksPerSecond, 2)}×)` : '';
    say(`ingest ≥ 3× ${peer.name}`, `${round(r, 2)}×${one}`, r >= 3, `${round(3 / r, 2)}× short`);
  }
  const chatRuns: Array<[string, HttpScenarioResult[] | undefined]> = [
    [`${report.settings.chunks.toLocaleString('en')} chunks`, report.http?.scenarios],
    ['small corpus', report.http?.smallCorpus],
  ];
  for (const [corpus, runs] of chatRuns) {
    const stream = runs?.find((s) => s.name === 'chat-stream');
    if (!stream?.ttftMs) continue;
    say(`chat TTFT p95 < 25 ms at ${stream.connections} clients (${corpus})`, `${stream.ttftMs.p95} ms`, stream.ttftMs.p95 < 25, `${round(stream.ttftMs.p95 / 25, 1)}× over`);
    say(`chat ≥ 300 req/s (${corpus})`, `${stream.requestsPerSecond} req/s (streamed)`, stream.requestsPerSecond >= 300, `${round(300 / stream.requestsPerSecond, 1)}× short`);
  }
  const bare = report.http?.scenarios.find((s) => s.name === 'health-bare');
  for (const name of ['health', 'health-paced']) {
    const health = report.http?.scenarios.find((s) => s.name === name);
    if (!health) continue;
    const how = health.offeredRate ? `${health.offeredRate} req/s, evenly spaced` : 'closed loop: each connection asks again at once';
    const floor = health.offeredRate && bare ? `; a bare Node server: ${bare.latencyMs.p99} ms, Docent ${ratio(health.latencyMs.p99, bare.latencyMs.p99)}` : '';
    say(`/health p99 < 5 ms at ${health.connections} connections (${how})`, `${health.latencyMs.p99} ms${floor}`, health.latencyMs.p99 < 5, `${round(health.latencyMs.p99 / 5, 1)}× over`);
  }
  return ['| target | measured | |', '|---|---|---|', ...out];
}

function hybridSection(r: RetrievalResult): string {
  return [
    `| chat retrieval (${r.queries} sequential queries, k=${r.k}) | p50 / p95 / p99 (ms) |`,
    '|---|---|',
    `| Docent hybridSearch (vector + full text, RRF, one statement) | ${fmt(r.docent)} |`,
    `| the same statement sent raw by postgres.js (prepared, same settings) | ${fmt(r.rawSameSql)} |`,
    '',
    `Docent / raw: ${r.ratio.p50}× at p50, ${r.ratio.p95}× at p95. recall@${r.k} of Docent's HNSW index by ef_search: ${r.recall.map((x) => `${x.recallAt5} at ${x.efSearch}`).join(', ')}.`,
  ].join('\n');
}

export function renderReport(report: Report): string {
  const s = report.settings;
  const parts = [
    `Measured ${report.date.slice(0, 10)} on ${report.machine}; ${s.chunks.toLocaleString('en')} chunks of 1536 dimensions, top ${s.k}, HNSW m=${s.index.m}, ef_construction=${s.index.efConstruction}, ef_search=${s.index.efSearch} for every store${s.docentIndexPrecision === 'half' ? "; Docent's index holds the vectors in half precision (its default, halfvec), the others' in full" : ''}. \`npm run bench\` (${Math.round(report.elapsedSeconds / 60)} min).`,
    '#### Targets',
    targets(report).join('\n'),
    '#### Vector stores on the same PostgreSQL',
    storesTable(report),
    '#### Chat retrieval',
    hybridSection(report.hybrid),
  ];
  if (report.http) {
    const { locust, nodeLoadTest } = report.http;
    parts.push(
      `#### HTTP on the ${report.settings.chunks.toLocaleString('en')}-chunk database (production build, zero-latency fake model, response cache off)`,
      httpTable(report.http.scenarios),
      'PostgreSQL\'s busiest statements during these runs (pg_stat_statements):',
      statementsTable(report.http.statements),
      '#### Chat on a small corpus (4 documents): the app\'s own cost when retrieval costs next to nothing',
      httpTable(report.http.smallCorpus),
      '#### The seed\'s locustfile, unchanged, under Locust',
      'skipped' in locust ? `skipped: ${locust.skipped}` : locustTable(locust),
      `#### The same load in Node (bench/load-test.ts, exit code ${nodeLoadTest.exitCode})`,
      '```',
      nodeLoadTest.output,
      '```',
    );
  }
  return parts.join('\n\n');
}
