/**
 * The seed's Locust file (bench/locustfile.py) in our toolchain, for machines without Python: virtual users that
 * each loop over a task picked by weight (3× POST /chat, 1× POST /ingest, the same bodies) and a 1–3 s wait, then a
 * per-endpoint summary like Locust's.
 *
 *   npx tsx bench/load-test.ts --host http://localhost:3000 [--users 10] [--spawn-rate 1] [--seconds 60]
 *
 * Exits 1 when any request failed (non-2xx, network error or a 60 s timeout), as Locust does.
 */
import { percentiles, round } from './chat/stats';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}
function positive(name: string, fallback: number): number {
  const value = Number(arg(name, String(fallback)));
  if (Number.isFinite(value) && value > 0) return value;
  console.error(`--${name} must be a positive number`);
  process.exit(2);
}

const HOST = arg('host', 'http://localhost:3000');
const USERS = Math.floor(positive('users', 10));
const SPAWN_RATE = positive('spawn-rate', 1);
const SECONDS = positive('seconds', 60);
const REQUEST_TIMEOUT_MS = 60_000;

// The locustfile's tasks and `wait_time = between(1, 3)`.
const TASKS = [
  { path: '/chat', weight: 3, body: { session_id: 'test', message: 'What is the capital of France?' } },
  { path: '/ingest', weight: 1, body: { text: 'Test document content', title: 'Test' } },
] as const;
const WAIT_SECONDS = { min: 1, max: 3 };
type Task = (typeof TASKS)[number];

interface Endpoint {
  /** Milliseconds of every request, failed ones included (as Locust records them). */
  latencies: number[];
  failures: number;
  errors: Map<string, number>;
}

const endpoints = new Map<string, Endpoint>(TASKS.map((t) => [t.path, { latencies: [], failures: 0, errors: new Map() }]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function pickTask(): Task {
  let roll = Math.random() * TASKS.reduce((sum, t) => sum + t.weight, 0);
  for (const task of TASKS) {
    roll -= task.weight;
    if (roll < 0) return task;
  }
  return TASKS[0];
}

async function perform(task: Task): Promise<void> {
  const stats = endpoints.get(task.path)!;
  const started = performance.now();
  let error: string | undefined;
  try {
    const response = await fetch(new URL(task.path, HOST), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(task.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    // Locust's response time includes reading the body.
    const body = await response.text();
    if (!response.ok) error = `HTTP ${response.status}: ${body.slice(0, 120)}`;
  } catch (e) {
    // fetch's own message is just "fetch failed": the reason (ECONNREFUSED…) is in its cause.
    const cause = e instanceof Error && e.cause instanceof Error ? ` (${(e.cause as NodeJS.ErrnoException).code ?? e.cause.message})` : '';
    error = e instanceof Error ? `${e.name}: ${e.message}${cause}` : String(e);
  }
  stats.latencies.push(performance.now() - started);
  if (error) {
    stats.failures++;
    stats.errors.set(error, (stats.errors.get(error) ?? 0) + 1);
  }
}

/** Like a Locust user: run a task, then wait; a request in flight at the deadline is finished and counted. */
async function user(deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    await perform(pickTask());
    const wait = (WAIT_SECONDS.min + Math.random() * (WAIT_SECONDS.max - WAIT_SECONDS.min)) * 1000;
    await sleep(Math.min(wait, deadline - performance.now()));
  }
}

function summary(elapsedSeconds: number): string {
  const row = (name: string, latencies: number[], failures: number) => {
    const p = percentiles(latencies);
    const times = latencies.length > 0 ? `${p.p50} / ${p.p95} / ${p.p99} | ${p.mean} | ${p.max}` : 'N/A | N/A | N/A';
    return `| ${name} | ${latencies.length} | ${failures} | ${times} | ${round(latencies.length / elapsedSeconds, 2)} |`;
  };
  const all = [...endpoints.values()];
  const lines = [
    '| endpoint | requests | failures | p50 / p95 / p99 (ms) | avg (ms) | max (ms) | req/s |',
    '|---|---|---|---|---|---|---|',
    ...[...endpoints].map(([path, s]) => row(`POST ${path}`, s.latencies, s.failures)),
    row('Aggregated', all.flatMap((s) => s.latencies), all.reduce((sum, s) => sum + s.failures, 0)),
  ];
  for (const [path, s] of endpoints) for (const [error, count] of s.errors) lines.push(`\n${count}× POST ${path}: ${error}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  console.error(`${USERS} users (spawn rate ${SPAWN_RATE}/s) against ${HOST} for ${SECONDS} s`);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const running: Promise<void>[] = [];
  for (let i = 0; i < USERS && performance.now() < deadline; i++) {
    running.push(user(deadline));
    if (i < USERS - 1) await sleep(Math.min(1000 / SPAWN_RATE, deadline - performance.now()));
  }
  await Promise.all(running);
  const elapsed = (performance.now() - started) / 1000;
  console.log(summary(elapsed));
  const requests = [...endpoints.values()].reduce((sum, s) => sum + s.latencies.length, 0);
  const failures = [...endpoints.values()].reduce((sum, s) => sum + s.failures, 0);
  if (requests === 0 || failures > 0) process.exitCode = 1;
}

await main();
