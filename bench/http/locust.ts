import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the seed's Locust file (bench/locustfile.py, unchanged) headless against the app and reads its CSV report.
 * Locust is a Python tool we do not install: without it the run is skipped, not failed.
 */

const LOCUSTFILE = path.resolve(import.meta.dirname, '../locustfile.py');
// Debian's python3-locust; a pyenv python earlier on PATH would not have the module.
const DEBIAN_LOCUST = '/usr/bin/locust';

interface LocustRow {
  /** Locust's request type (POST) and name (the path); the last row is `Aggregated`. */
  type: string;
  name: string;
  requests: number;
  failures: number;
  /** Milliseconds; Locust rounds its percentiles to two significant digits above 100 ms. */
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  avgMs: number;
  maxMs: number;
  requestsPerSecond: number;
}

interface LocustFailure {
  method: string;
  name: string;
  error: string;
  occurrences: number;
}

export interface LocustResult {
  users: number;
  spawnRate: number;
  seconds: number;
  /** Locust exits 1 when any request failed. */
  exitCode: number;
  rows: LocustRow[];
  failures: LocustFailure[];
}

function findLocust(): string | undefined {
  if (existsSync(DEBIAN_LOCUST)) return DEBIAN_LOCUST;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'locust');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Locust's CSV: a header line, then comma-separated fields, quoted when they hold commas, quotes or newlines. */
function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      endField();
    } else if (c === '\n') {
      endRecord();
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  const [header = [], ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

/** Locust writes N/A for the percentiles of an endpoint without requests. */
const num = (value: string | undefined) => (value === undefined || value === 'N/A' || value === '' ? NaN : Number(value));

function statsRow(r: Record<string, string>): LocustRow {
  return {
    type: r.Type ?? '',
    name: r.Name ?? '',
    requests: num(r['Request Count']),
    failures: num(r['Failure Count']),
    medianMs: num(r['Median Response Time']),
    p95Ms: num(r['95%']),
    p99Ms: num(r['99%']),
    avgMs: Math.round(num(r['Average Response Time']) * 100) / 100,
    maxMs: Math.round(num(r['Max Response Time']) * 100) / 100,
    requestsPerSecond: Math.round(num(r['Requests/s']) * 10) / 10,
  };
}

export async function runLocust(options: {
  appUrl: string;
  users: number;
  spawnRate: number;
  seconds: number;
  log: (line: string) => void;
  /** Stops Locust early (SIGTERM), e.g. when the benchmark is interrupted. */
  signal?: AbortSignal;
}): Promise<LocustResult | { skipped: string }> {
  const locust = findLocust();
  if (!locust) return { skipped: 'locust not installed (apt-get install python3-locust)' };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docent-locust-'));
  const prefix = path.join(dir, 'run');
  // Flags of Locust 2.12; --only-summary keeps its periodic tables out of our output.
  const args = ['-f', LOCUSTFILE, '--headless', '-u', String(options.users), '-r', String(options.spawnRate), '-t', `${options.seconds}s`];
  args.push('--host', options.appUrl, '--csv', prefix, '--only-summary', '--loglevel', 'WARNING');
  options.log(`locust: ${options.users} users (spawn rate ${options.spawnRate}/s) for ${options.seconds} s`);
  try {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      const child = spawn(locust, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      // Locust stops itself after -t; this only guards against a hang.
      const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 60) * 1000);
      child.once('error', reject);
      child.once('exit', (exitCode, signal) => {
        clearTimeout(timer);
        resolve({ code: exitCode ?? (signal ? 128 : 1), output });
      });
    });
    const statsFile = `${prefix}_stats.csv`;
    if (!existsSync(statsFile)) throw new Error(`locust exited with ${code} without a report:\n${output.slice(-2000)}`);
    const failuresFile = `${prefix}_failures.csv`;
    const failures = existsSync(failuresFile)
      ? parseCsv(readFileSync(failuresFile, 'utf8')).map((r) => ({
          method: r.Method ?? '',
          name: r.Name ?? '',
          error: r.Error ?? '',
          occurrences: num(r.Occurrences),
        }))
      : [];
    return {
      users: options.users,
      spawnRate: options.spawnRate,
      seconds: options.seconds,
      exitCode: code,
      rows: parseCsv(readFileSync(statsFile, 'utf8')).map(statsRow),
      failures,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function locustTable(result: LocustResult): string {
  const lines = [
    '| endpoint | requests | failures | median / p95 / p99 (ms) | avg (ms) | max (ms) | req/s |',
    '|---|---|---|---|---|---|---|',
    ...result.rows.map(
      (r) =>
        `| ${[r.type, r.name].filter(Boolean).join(' ')} | ${r.requests} | ${r.failures} | ${r.medianMs} / ${r.p95Ms} / ${r.p99Ms} | ${r.avgMs} | ${r.maxMs} | ${r.requestsPerSecond} |`,
    ),
  ];
  for (const f of result.failures) lines.push(`\n${f.occurrences}× ${f.method} ${f.name}: ${f.error}`);
  return lines.join('\n');
}
