/**
 * HTTP load on the production app (`npm start`: scripts/serve.mjs) with a zero-latency fake model and a private PostgreSQL:
 *   - the seed's Locust file, unchanged, when Locust is installed (bench/http/locust.ts), and its Node
 *     equivalent bench/load-test.ts;
 *   - GET /health, POST /chat (JSON and streamed) and POST /ingest under autocannon / bench/chat/load.ts
 *     (bench/http/run-http.ts).
 *
 *   npx tsx bench/http.ts [--seconds 10] [--locust-seconds 20] [--users 20] [--spawn-rate 10]
 *                         [--scenarios health,chat-json,chat-stream,ingest] [--workers N] [--cpu-prof] [--json FILE]
 *
 * Needs the native PostgreSQL with pgvector (scripts/install-test-deps.sh) and a production build (npm run build).
 * Exits 1 when any request failed.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRunning, hasBuild, spawnApp, spawnFakeOpenAI, waitForBuild } from './chat/procs';
import { summarise } from './chat/profile-summary';
import { locustTable, runLocust } from './http/locust';
import { runNodeLoadTest } from './http/node-load-test';
import { httpTable, runHttpBench } from './http/run-http';
import { SEED_DOCUMENTS, seedDocuments } from './http/seed-documents';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(arg('seconds') ?? 10);
const LOCUST_SECONDS = Number(arg('locust-seconds') ?? 20);
const USERS = Number(arg('users') ?? 20);
const SPAWN_RATE = Number(arg('spawn-rate') ?? 10);
const SCENARIOS = arg('scenarios')?.split(',');
const JSON_FILE = arg('json');
const WORKERS = arg('workers') ?? '1';
/** Writes the app's V8 CPU profile and prints where its time went (one process: use with --workers 1). */
const CPU_PROF = args.includes('--cpu-prof');

async function main(): Promise<void> {
  if (!hasBuild() && !buildRunning()) {
    console.error('No production build (.next/BUILD_ID): run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  const cleanups = new Teardown();

  try {
    log('starting PostgreSQL and the fake model');
    const cluster = await startBenchCluster(cleanups);
    const databaseUrl = await cluster.createDatabase();
    const fake = await spawnFakeOpenAI();
    cleanups.push(() => fake.stop());

    await waitForBuild(log);
    const profileDir = CPU_PROF ? mkdtempSync(path.join(os.tmpdir(), 'docent-http-prof-')) : undefined;
    const app = await spawnApp(
      { DATABASE_URL: databaseUrl, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'bench', RESPONSE_CACHE_TTL: '0', MAINTENANCE_INTERVAL_HOURS: '0', WORKERS, LOG_LEVEL: 'warn' },
      profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    );
    cleanups.push(() => app.stop());
    log(`app at ${app.url} (pid ${app.pid}); seeding ${SEED_DOCUMENTS.length} documents`);
    await seedDocuments(app.url);

    // Ends the load-test children (Locust, bench/load-test.ts) should we be interrupted while they run.
    const children = new AbortController();
    cleanups.push(async () => children.abort());

    // The light, think-time runs first: the ingest scenario leaves the worker a backlog to index.
    log(`node load test (bench/load-test.ts): ${USERS} users for ${LOCUST_SECONDS} s`);
    const nodeLoadTest = await runNodeLoadTest({ appUrl: app.url, users: USERS, spawnRate: SPAWN_RATE, seconds: LOCUST_SECONDS, signal: children.signal });
    const locust = await runLocust({ appUrl: app.url, users: USERS, spawnRate: SPAWN_RATE, seconds: LOCUST_SECONDS, log, signal: children.signal });
    const http = await runHttpBench({ appUrl: app.url, appPid: app.pid, seconds: SECONDS, log, scenarios: SCENARIOS });

    const tail = app.output().trim();
    if (tail) log(`app output (last 2000 chars):\n${tail.slice(-2000)}`);
    if (profileDir) {
      await app.stop(); // the profile is written as the process exits
      for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
        const full = path.join(profileDir, file);
        log(`app CPU profile ${full}:\n${summarise(JSON.parse(readFileSync(full, 'utf8')), 30)}`);
      }
    }
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    console.log(
      [
        machine,
        `## HTTP scenarios (${SECONDS} s each after a 2 s warm-up)`,
        httpTable(http),
        `## Seed locustfile under Locust (${USERS} users, spawn rate ${SPAWN_RATE}/s, ${LOCUST_SECONDS} s)`,
        'skipped' in locust ? `skipped: ${locust.skipped}` : locustTable(locust),
        `## Seed locustfile in Node: bench/load-test.ts (same settings; exit code ${nodeLoadTest.exitCode})`,
        nodeLoadTest.output,
      ].join('\n\n'),
    );
    if (JSON_FILE) {
      writeFileSync(JSON_FILE, `${JSON.stringify({ date: new Date().toISOString(), machine, http, locust, nodeLoadTest }, null, 2)}\n`);
      log(`written to ${JSON_FILE}`);
    }
    const locustFailed = !('skipped' in locust) && locust.exitCode !== 0;
    if (http.some((r) => r.errors > 0) || locustFailed || nodeLoadTest.exitCode !== 0) process.exitCode = 1;
  } finally {
    await cleanups.run();
  }
}

await main();
