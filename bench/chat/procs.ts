import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@/test/support/free-port';

/** Child processes of the benchmark (the fake model, the app) and what /proc says about them. */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVE = path.join(ROOT, 'scripts/serve.mjs');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
// As test/support/app-server.ts: the developer's own settings must not leak into the app under test.
const APP_VARIABLES = /^(DATABASE_URL|DB_|OPENAI_|CHAT_MODEL|EMBEDDING_|REDIS_URL|DATA_DIR|PORT|LOG_LEVEL|VECTOR_INDEX|HNSW_|IVFFLAT_|RESPONSE_CACHE_TTL|SESSION_CACHE_TTL|INGEST_|WORKERS|RATE_LIMIT_|MAX_CONCURRENT_ANSWERS)/;
// A benchmark is one client on one address driving the server as hard as it can: the per-caller limits and the
// bound on answers in flight would measure themselves, not the server.
const UNLIMITED = { RATE_LIMIT_CHAT: '0', RATE_LIMIT_INGEST: '0', RATE_LIMIT_UPLOAD: '0', MAX_CONCURRENT_ANSWERS: '100000' };

export const hasBuild = () => existsSync(path.join(ROOT, '.next/BUILD_ID'));

export function buildRunning(): boolean {
  try {
    return execFileSync('pgrep', ['-f', 'next build'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false; // pgrep exits 1 when nothing matches
  }
}

/** Waits (up to 10 minutes) for a `next build` running on this machine to finish and leave a BUILD_ID. */
export async function waitForBuild(log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  let said = false;
  while (buildRunning() || !hasBuild()) {
    if (!buildRunning() && !hasBuild()) throw new Error('No production build (.next/BUILD_ID): run `npm run build` first.');
    if (Date.now() > deadline) throw new Error('a `next build` has been running for over 10 minutes');
    if (!said) log('a `next build` is running: waiting for it to finish');
    said = true;
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function terminate(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** The zero-latency fake model (bench/chat/fake-model.ts) in a process of its own, so its CPU is not counted as the app's. */
export async function spawnFakeOpenAI(): Promise<Spawned> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/chat/fake-model.ts'), '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`the fake OpenAI server exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return { child, pid: child.pid!, url, output: () => output, stop: () => terminate(child) };
}

/**
 * The production server (scripts/serve.mjs) with exactly `env` for the app's own settings. `port`: for callers that
 * must name the app's URL in its settings before it starts (PUBLIC_URL, which browser sign-ins are checked against).
 */
export async function spawnApp(env: Record<string, string>, nodeArgs: string[] = [], port?: number): Promise<Spawned> {
  if (!hasBuild()) throw new Error('No production build (.next/BUILD_ID): run `npm run build` first.');
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !APP_VARIABLES.test(key)));
  const child = spawn(process.execPath, [...nodeArgs, SERVE, '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    // The load tests are the original service's clients, which send no credentials (as the seed's Locust file).
    env: { ...inherited, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', ALLOW_ANONYMOUS_API: 'true', ...UNLIMITED, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await terminate(child, 1_000);
      throw new Error(`the app did not answer /health within 90 s:\n${output}`);
    }
    const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, pid: child.pid!, url, output: () => output, stop: () => terminate(child) };
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The process and all its descendants that are alive now. */
function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      for (const child of (read(`/proc/${p}/task/${task}/children`) ?? '').split(/\s+/).filter(Boolean)) visit(Number(child));
    }
  };
  visit(pid);
  return out;
}

export function parentPid(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** CPU seconds (user + system) used so far by each process of the tree, by pid. */
export function cpuByPid(root: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of processTree(root)) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime); fields[0] here is field 3.
    out.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
  }
  return out;
}

/** CPU seconds the tree used between two snapshots (processes that appeared in between count from 0). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}

/** Resident memory of the tree in MB: current (VmRSS) and peak (VmHWM, per process, summed). */
export function memoryMb(root: number): { rss: number; hwm: number; processes: number } {
  let rss = 0;
  let hwm = 0;
  const pids = processTree(root);
  for (const pid of pids) {
    const status = read(`/proc/${pid}/status`) ?? '';
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return { rss: Math.round(rss / 1024), hwm: Math.round(hwm / 1024), processes: pids.length };
}
