import autocannon from 'autocannon';
import { runLoad } from '../chat/load';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpuByPid, cpuDelta, memoryMb, terminate } from '../chat/procs';
import { freePort } from '@/test/support/free-port';
import { pacedLoad } from './paced-load';
import { QUESTIONS } from '../chat/questions';
import { percentiles, round, type Percentiles } from '../chat/stats';

/**
 * The HTTP API under load: GET /health, POST /chat (JSON and streamed) and POST /ingest against a running app.
 * Each scenario gets a short warm-up that is not counted, then `seconds` measured while the app's memory is sampled.
 */

export interface HttpScenarioResult {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  seconds: number;
  /** Every request that got an answer or failed: responses of any status, connection errors and timeouts. */
  requests: number;
  /** Successful (2xx) requests per second. */
  requestsPerSecond: number;
  /** Successful requests only, exact nearest-rank percentiles (not autocannon's whole-millisecond histogram). */
  latencyMs: Percentiles;
  /** Failed requests of any kind: non2xx and timeouts are included, and broken down where the tool can tell. */
  errors: number;
  non2xx: number;
  timeouts: number;
  ttftMs?: Percentiles;
  /** Highest VmRSS sampled every 250 ms during the run; VmHWM (the processes' lifetime peak) at its end. */
  appRssMb: { peak: number; hwm: number };
  /** CPU milliseconds per successful request: the app's process, and PostgreSQL's (all its processes). */
  cpuMsPerRequest?: { app: number; postgres?: number };
  /** Paced runs: the requests per second offered. */
  offeredRate?: number;
}

const SCENARIOS = ['health', 'health-paced', 'health-bare', 'chat-json', 'chat-stream', 'ingest'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const WARMUP_SECONDS = 2;
const SAMPLE_MS = 250;
const REQUESTS_PER_SESSION = 5;
const HEALTH_P99_TARGET_MS = 5;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Sentences for /ingest bodies; each text combines three of them with a counter, so none is a duplicate. */
const PROSE = [
  'The ingestion worker splits each document into overlapping chunks before it asks the model for embeddings.',
  'Retention settings decide how long finished chat sessions are kept before the nightly job removes them.',
  'When the database is unreachable the health check answers 503, and the load balancer stops sending traffic.',
  'Vaults keep the documents of different teams apart, and every search is limited to a single vault.',
  'An administrator can rotate the access token at any time; existing browser sessions must then sign in again.',
  'Large uploads are streamed to disk first, so a slow client never holds a database connection open.',
  'The response cache is keyed by the question, the history and the vault, and expires after a few minutes.',
  'Hybrid search merges full-text and vector matches with reciprocal rank fusion before the answer is written.',
];

interface Scenario {
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  /** autocannon's per-request timeout in seconds; the request then counts as an error. */
  timeoutSeconds: number;
  requests?: (tag: string, failures: string[]) => autocannon.Request[];
}

/** Keeps the first few non-2xx answers, to say why requests failed. */
function recordFailure(failures: string[]) {
  return (status: number, body: string) => {
    if ((status < 200 || status >= 300) && failures.length < 3) failures.push(`HTTP ${status}: ${body.slice(0, 200)}`);
  };
}

/** Five turns per session: autocannon resets a connection's context when its request list wraps around. */
function chatJsonRequests(tag: string, failures: string[]): autocannon.Request[] {
  let sessions = 0;
  let asked = 0;
  return Array.from({ length: REQUESTS_PER_SESSION }, (_, turn) => ({
    method: 'POST' as const,
    path: '/chat',
    headers: JSON_HEADERS,
    setupRequest: (request, context) => {
      if (turn === 0) context.session = `bench-json-${tag}-${sessions++}`;
      const message = QUESTIONS[asked++ % QUESTIONS.length]!;
      return { ...request, body: JSON.stringify({ session_id: context.session, message }) };
    },
    onResponse: recordFailure(failures),
  }));
}

/** Asynchronous ingestion (`Prefer: respond-async`): how fast documents are accepted; the seed's Locust file waits for "indexed". */
function ingestRequests(tag: string, failures: string[]): autocannon.Request[] {
  let n = 0;
  const pick = (i: number, k: number) => PROSE[(i * 7 + k * 3) % PROSE.length]!;
  return [
    {
      method: 'POST',
      path: '/ingest',
      headers: { ...JSON_HEADERS, prefer: 'respond-async' },
      setupRequest: (request) => {
        const i = n++;
        const text = `${pick(i, 0)} ${pick(i, 1)} ${pick(i, 2)}\n\nLoad-test note ${tag}-${i}.`;
        return { ...request, body: JSON.stringify({ title: `Load-test note ${i}`, text }) };
      },
      onResponse: recordFailure(failures),
    },
  ];
}

const CANNON_SCENARIOS: Record<Exclude<ScenarioName, 'chat-stream' | 'health-paced' | 'health-bare'>, Scenario> = {
  // Closed loop: 200 connections each sending as soon as answered, i.e. the server's saturation throughput;
  // by Little's law its latency is 200 / throughput, whatever the server does per request.
  health: { method: 'GET', path: '/health', connections: 200, timeoutSeconds: 10 },
  'chat-json': { method: 'POST', path: '/chat', connections: 10, timeoutSeconds: 60, requests: chatJsonRequests },
  ingest: { method: 'POST', path: '/ingest', connections: 10, timeoutSeconds: 60, requests: ingestRequests },
};
const STREAM_CLIENTS = 10;

/** Samples the app's resident memory until the returned function is called. */
function watchMemory(pid: number): () => { peak: number; hwm: number } {
  let peak = memoryMb(pid).rss;
  const timer = setInterval(() => (peak = Math.max(peak, memoryMb(pid).rss)), SAMPLE_MS);
  return () => {
    clearInterval(timer);
    const now = memoryMb(pid);
    return { peak: Math.max(peak, now.rss), hwm: now.hwm };
  };
}

interface Measured {
  result: autocannon.Result;
  /** Milliseconds of each 2xx response. */
  latencies: number[];
  elapsed: number;
  failures: string[];
}

async function cannon(appUrl: string, scenario: Scenario, seconds: number, tag: string): Promise<Measured> {
  const failures: string[] = [];
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${appUrl}${scenario.path}`,
    method: scenario.method,
    connections: scenario.connections,
    duration: seconds,
    timeout: scenario.timeoutSeconds,
    requests: scenario.requests?.(tag, failures),
  });
  // Our own samples (hrtime, sub-millisecond) rather than the histogram, which has whole milliseconds and no p95.
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  instance.on('reqError', (error: Error) => {
    if (failures.length < 3) failures.push(error.message);
  });
  const started = performance.now();
  const result = await instance;
  return { result, latencies, elapsed: (performance.now() - started) / 1000, failures };
}

/** Samples the app's memory and the CPU of the app and PostgreSQL while `work` runs. */
async function observed<T extends { ok: number }>(options: RunOptions, work: () => Promise<T>): Promise<T & Pick<HttpScenarioResult, 'appRssMb' | 'cpuMsPerRequest'>> {
  const memory = watchMemory(options.appPid);
  const before = { app: cpuByPid(options.appPid), pg: options.postgresPid ? cpuByPid(options.postgresPid) : undefined };
  const result = await work();
  const perRequest = (seconds: number) => round((seconds * 1000) / Math.max(1, result.ok), 2);
  return {
    ...result,
    appRssMb: memory(),
    cpuMsPerRequest: {
      app: perRequest(cpuDelta(before.app, cpuByPid(options.appPid))),
      ...(before.pg ? { postgres: perRequest(cpuDelta(before.pg, cpuByPid(options.postgresPid!))) } : {}),
    },
  };
}

async function runCannon(name: ScenarioName, scenario: Scenario, options: RunOptions, runId: string): Promise<HttpScenarioResult> {
  await cannon(options.appUrl, scenario, WARMUP_SECONDS, `${runId}-warm`);
  const { result, latencies, elapsed, failures, appRssMb, cpuMsPerRequest } = await observed(options, async () => {
    const run = await cannon(options.appUrl, scenario, options.seconds, runId);
    return { ...run, ok: run.latencies.length };
  });
  if (failures.length > 0) options.log(`  ${name} failures: ${failures.join(' | ')}`);
  const h = result.latency;
  options.log(`  autocannon's own histogram (whole ms, all statuses): p50 ${h.p50}, p97.5 ${h.p97_5}, p99 ${h.p99}, max ${h.max}`);
  return {
    name,
    method: scenario.method,
    path: scenario.path,
    connections: scenario.connections,
    seconds: round(elapsed, 2),
    requests: result.requests.total + result.errors,
    requestsPerSecond: round(latencies.length / elapsed, 1),
    latencyMs: percentiles(latencies),
    // autocannon counts timeouts among its errors, and non-2xx answers apart.
    errors: result.errors + result.non2xx,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    appRssMb,
    cpuMsPerRequest,
  };
}

async function runStream(options: RunOptions, runId: string): Promise<HttpScenarioResult> {
  const base = { baseUrl: options.appUrl, concurrency: STREAM_CLIENTS, requestsPerSession: REQUESTS_PER_SESSION, questions: QUESTIONS };
  await runLoad({ ...base, seconds: WARMUP_SECONDS, tag: `stream-${runId}-warm` });
  const run = await observed(options, async () => {
    const r = await runLoad({ ...base, seconds: options.seconds, tag: `stream-${runId}` });
    return { ...r, ok: r.requests - r.errors };
  });
  if (run.errorSamples.length > 0) options.log(`  chat-stream failures: ${run.errorSamples.join(' | ')}`);
  return {
    name: 'chat-stream',
    method: 'POST',
    path: '/chat',
    connections: STREAM_CLIENTS,
    seconds: run.seconds,
    requests: run.requests,
    requestsPerSecond: run.requestsPerSecond,
    latencyMs: run.totalMs,
    // runLoad counts HTTP errors, error events and broken streams alike: no breakdown.
    errors: run.errors,
    non2xx: 0,
    timeouts: 0,
    ttftMs: run.ttftMs,
    appRssMb: run.appRssMb,
    cpuMsPerRequest: run.cpuMsPerRequest,
  };
}

const HEALTH_CONNECTIONS = 200;
const HEALTH_RATE = 1000;

/**
 * GET /health at a steady HEALTH_RATE per second over HEALTH_CONNECTIONS open connections: the latency of one
 * health check while that many clients are connected. `url` is the app, or the bare server for the baseline.
 */
async function runPaced(name: ScenarioName, url: string, options: RunOptions, pid: number): Promise<HttpScenarioResult> {
  const run = (seconds: number) => pacedLoad({ url: `${url}/health`, rate: HEALTH_RATE, connections: HEALTH_CONNECTIONS, seconds });
  await run(WARMUP_SECONDS);
  const result = await observed({ ...options, appPid: pid }, async () => {
    const r = await run(options.seconds);
    return { ...r, ok: r.requests - r.errors };
  });
  if (result.errorSamples.length > 0) options.log(`  ${name} failures: ${result.errorSamples.join(' | ')}`);
  return {
    name,
    method: 'GET',
    path: '/health',
    connections: HEALTH_CONNECTIONS,
    seconds: result.seconds,
    requests: result.requests,
    requestsPerSecond: result.achievedRate,
    latencyMs: result.latencyMs,
    errors: result.errors,
    non2xx: result.errors,
    timeouts: 0,
    appRssMb: result.appRssMb,
    cpuMsPerRequest: { app: result.cpuMsPerRequest!.app },
    offeredRate: HEALTH_RATE,
  };
}

// The physical floor for a health check on this machine: a plain Node server answering a fixed JSON body, no
// database, no framework, measured by the same generator in the same run.
const BARE_SERVER = `
const body = JSON.stringify({ status: 'ok', version: '0.0.0', database: { status: 'up', latencyMs: 0.1 } });
require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('ready'));`;

async function runBare(options: RunOptions): Promise<HttpScenarioResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_SERVER, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await once(child.stdout!, 'data');
    const result = await runPaced('health-bare', `http://127.0.0.1:${port}`, { ...options, postgresPid: undefined }, child.pid!);
    return { ...result, path: '/health (bare Node server)' };
  } finally {
    await terminate(child, 1_000);
  }
}

interface RunOptions {
  appUrl: string;
  appPid: number;
  /** The postmaster: PostgreSQL's CPU per request is counted over it and its children. */
  postgresPid?: number;
  seconds: number;
  log: (line: string) => void;
  /** Names from SCENARIOS, in the order to run; all of them by default. */
  scenarios?: string[];
}

function runScenario(name: ScenarioName, options: RunOptions, runId: string): Promise<HttpScenarioResult> {
  switch (name) {
    case 'chat-stream':
      return runStream(options, runId);
    case 'health-paced':
      return runPaced(name, options.appUrl, options, options.appPid);
    case 'health-bare':
      return runBare(options);
    default:
      return runCannon(name, CANNON_SCENARIOS[name], options, runId);
  }
}

export async function runHttpBench(options: RunOptions): Promise<HttpScenarioResult[]> {
  const names = options.scenarios ?? [...SCENARIOS];
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown HTTP scenarios: ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  // Session ids and ingested texts differ from every earlier run's, even against the same database.
  const runId = Date.now().toString(36);
  const results: HttpScenarioResult[] = [];
  for (const name of names as ScenarioName[]) {
    options.log(`http ${name}: ${WARMUP_SECONDS} s warm-up + ${options.seconds} s`);
    const result = await runScenario(name, options, runId);
    options.log(`  ${result.requestsPerSecond} req/s, p50/p95/p99 ${result.latencyMs.p50}/${result.latencyMs.p95}/${result.latencyMs.p99} ms, ${result.errors} errors`);
    if (name.startsWith('health')) {
      const met = result.latencyMs.p99 < HEALTH_P99_TARGET_MS;
      options.log(`  health p99 target (< ${HEALTH_P99_TARGET_MS} ms at ${result.connections} connections): ${met ? 'met' : 'missed'}`);
    }
    results.push(result);
  }
  return results;
}

const triple = (p: Percentiles) => `${p.p50} / ${p.p95} / ${p.p99}`;

export function httpTable(results: HttpScenarioResult[]): string {
  const cpu = (r: HttpScenarioResult) =>
    r.cpuMsPerRequest ? `${r.cpuMsPerRequest.app}${r.cpuMsPerRequest.postgres !== undefined ? ` · ${r.cpuMsPerRequest.postgres}` : ''}` : '–';
  return [
    '| scenario | request | connections | requests | 2xx/s | latency p50 / p95 / p99 (ms) | max (ms) | TTFT p50 / p95 / p99 (ms) | errors (non-2xx, timeouts) | CPU ms/request: app · PostgreSQL | app RSS peak / HWM (MB) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name}${r.offeredRate ? ` (${r.offeredRate} req/s offered)` : ''} | ${r.method} ${r.path} | ${r.connections} | ${r.requests} | ${r.requestsPerSecond} | ${triple(r.latencyMs)} | ${r.latencyMs.max} | ${r.ttftMs ? triple(r.ttftMs) : '–'} | ${r.errors} (${r.non2xx}, ${r.timeouts}) | ${cpu(r)} | ${r.appRssMb.peak} / ${r.appRssMb.hwm} |`,
    ),
    ...(results.some((r) => r.name === 'chat-stream')
      ? ['', 'chat-stream: errors has no breakdown (bench/chat/load.ts counts HTTP errors, error events and broken streams alike).']
      : []),
  ].join('\n');
}
