import autocannon from 'autocannon';
import { runLoad } from '../chat/load';
import { memoryMb } from '../chat/procs';
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
}

export const SCENARIOS = ['health', 'health-paced', 'chat-json', 'chat-stream', 'ingest'] as const;
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
  /** Requests per second over all connections (open connections, paced), instead of as fast as answers come. */
  overallRate?: number;
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

function ingestRequests(tag: string, failures: string[]): autocannon.Request[] {
  let n = 0;
  const pick = (i: number, k: number) => PROSE[(i * 7 + k * 3) % PROSE.length]!;
  return [
    {
      method: 'POST',
      path: '/ingest',
      headers: JSON_HEADERS,
      setupRequest: (request) => {
        const i = n++;
        const text = `${pick(i, 0)} ${pick(i, 1)} ${pick(i, 2)}\n\nLoad-test note ${tag}-${i}.`;
        return { ...request, body: JSON.stringify({ title: `Load-test note ${i}`, text }) };
      },
      onResponse: recordFailure(failures),
    },
  ];
}

const CANNON_SCENARIOS: Record<Exclude<ScenarioName, 'chat-stream'>, Scenario> = {
  // Closed loop: 200 connections each sending as soon as answered, i.e. the server's saturation throughput;
  // by Little's law its latency is 200 / throughput, whatever the server does per request.
  health: { method: 'GET', path: '/health', connections: 200, timeoutSeconds: 10 },
  // 200 open connections at a steady 1,000 req/s: the latency of one health check under that concurrency.
  'health-paced': { method: 'GET', path: '/health', connections: 200, timeoutSeconds: 10, overallRate: 1000 },
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
    ...(scenario.overallRate ? { overallRate: scenario.overallRate } : {}),
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

async function runCannon(name: ScenarioName, scenario: Scenario, options: RunOptions, runId: string): Promise<HttpScenarioResult> {
  await cannon(options.appUrl, scenario, WARMUP_SECONDS, `${runId}-warm`);
  const memory = watchMemory(options.appPid);
  const { result, latencies, elapsed, failures } = await cannon(options.appUrl, scenario, options.seconds, runId);
  const appRssMb = memory();
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
  };
}

async function runStream(options: RunOptions, runId: string): Promise<HttpScenarioResult> {
  const base = { baseUrl: options.appUrl, concurrency: STREAM_CLIENTS, requestsPerSession: REQUESTS_PER_SESSION, questions: QUESTIONS };
  await runLoad({ ...base, seconds: WARMUP_SECONDS, tag: `stream-${runId}-warm` });
  const memory = watchMemory(options.appPid);
  const run = await runLoad({ ...base, seconds: options.seconds, tag: `stream-${runId}` });
  const appRssMb = memory();
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
    appRssMb,
  };
}

interface RunOptions {
  appUrl: string;
  appPid: number;
  seconds: number;
  log: (line: string) => void;
  /** Names from SCENARIOS, in the order to run; all of them by default. */
  scenarios?: string[];
}

export async function runHttpBench(options: RunOptions): Promise<HttpScenarioResult[]> {
  const names = options.scenarios ?? [...SCENARIOS];
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown HTTP scenarios: ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  // Session ids and ingested texts differ from every earlier run's, even against the same database.
  const runId = Date.now().toString(36);
  const results: HttpScenarioResult[] = [];
  for (const name of names as ScenarioName[]) {
    const connections = name === 'chat-stream' ? STREAM_CLIENTS : CANNON_SCENARIOS[name].connections;
    options.log(`http ${name}: ${connections} connections, ${WARMUP_SECONDS} s warm-up + ${options.seconds} s`);
    const result = name === 'chat-stream' ? await runStream(options, runId) : await runCannon(name, CANNON_SCENARIOS[name], options, runId);
    options.log(`  ${result.requestsPerSecond} req/s, p50/p95/p99 ${result.latencyMs.p50}/${result.latencyMs.p95}/${result.latencyMs.p99} ms, ${result.errors} errors`);
    if (name === 'health' || name === 'health-paced') {
      const met = result.latencyMs.p99 < HEALTH_P99_TARGET_MS;
      options.log(`  health p99 target (< ${HEALTH_P99_TARGET_MS} ms at ${connections} connections): ${met ? 'met' : 'missed'}`);
    }
    results.push(result);
  }
  return results;
}

const triple = (p: Percentiles) => `${p.p50} / ${p.p95} / ${p.p99}`;

export function httpTable(results: HttpScenarioResult[]): string {
  return [
    '| scenario | request | connections | requests | 2xx/s | latency p50 / p95 / p99 (ms) | max (ms) | TTFT p50 / p95 / p99 (ms) | errors (non-2xx, timeouts) | app RSS peak / HWM (MB) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.method} ${r.path} | ${r.connections} | ${r.requests} | ${r.requestsPerSecond} | ${triple(r.latencyMs)} | ${r.latencyMs.max} | ${r.ttftMs ? triple(r.ttftMs) : '–'} | ${r.errors} (${r.non2xx}, ${r.timeouts}) | ${r.appRssMb.peak} / ${r.appRssMb.hwm} |`,
    ),
    ...(results.some((r) => r.name === 'chat-stream')
      ? ['', 'chat-stream: errors has no breakdown (bench/chat/load.ts counts HTTP errors, error events and broken streams alike).']
      : []),
  ].join('\n');
}
