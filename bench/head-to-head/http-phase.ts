import type postgres from 'postgres';
import { spawnApp, spawnFakeOpenAI, waitForBuild } from '../chat/procs';
import { runLocust, type LocustResult } from '../http/locust';
import { runNodeLoadTest } from '../http/node-load-test';
import { runHttpBench, type HttpScenarioResult } from '../http/run-http';
import { SEED_DOCUMENTS, seedDocuments } from '../http/seed-documents';
import type { IndexSettings } from '../stores/types';
import { resetStatements, topStatements, type StatementStat } from './statements';

export interface HttpPhase {
  scenarios: HttpScenarioResult[];
  /** PostgreSQL's busiest statements during `scenarios`. */
  statements: StatementStat[];
  /** Chat again on a fresh database of SEED_DOCUMENTS: the app's own cost when retrieval costs next to nothing. */
  smallCorpus: HttpScenarioResult[];
  locust: LocustResult | { skipped: string };
  nodeLoadTest: { exitCode: number; output: string };
  /** Requests that failed in any of the runs. */
  failedRequests: number;
}

const LOCUST_USERS = 20;
const LOCUST_SPAWN_RATE = 10;

/**
 * The production app on the head-to-head's database (the 100K chunks Docent ingested), with a zero-latency fake
 * model and the response cache off so every chat request does the whole turn: the seed's Locust file
 * (unchanged) and its Node equivalent, then the autocannon scenarios.
 */
export async function runHttpPhase(options: {
  url: string;
  /** An empty database on the same server, for the small-corpus runs. */
  smallCorpusUrl: string;
  /** The postmaster, for PostgreSQL's CPU per request. */
  postgresPid: number;
  /** On the big database, for pg_stat_statements. */
  admin: postgres.Sql;
  index: IndexSettings;
  model: string;
  seconds: number;
  locustSeconds: number;
  log: (line: string) => void;
}): Promise<HttpPhase> {
  const { log } = options;
  await waitForBuild(log);
  const fake = await spawnFakeOpenAI();
  const children = new AbortController();
  const appOn = (url: string) =>
    spawnApp({
      DATABASE_URL: url,
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'bench',
      EMBEDDING_MODEL: options.model,
      // The settings the index was built with: the app must not rebuild it at start-up.
      HNSW_M: String(options.index.m),
      HNSW_EF_CONSTRUCTION: String(options.index.efConstruction),
      HNSW_EF_SEARCH: String(options.index.efSearch),
      RESPONSE_CACHE_TTL: '0',
      // The daily maintenance (VACUUM, REINDEX) would otherwise start a minute in, on a database that has never
      // had it, and run under the load: requests are measured without it.
      MAINTENANCE_INTERVAL_HOURS: '0',
      LOG_LEVEL: 'error',
    });
  try {
    const app = await appOn(options.url);
    try {
      log(`app at ${app.url}: the seed's locustfile under Locust, ${LOCUST_USERS} users for ${options.locustSeconds} s`);
      const locust = await runLocust({ appUrl: app.url, users: LOCUST_USERS, spawnRate: LOCUST_SPAWN_RATE, seconds: options.locustSeconds, log, signal: children.signal });
      if ('skipped' in locust) log(`  Locust skipped: ${locust.skipped}`);
      log(`its Node equivalent (bench/load-test.ts), same settings`);
      const nodeLoadTest = await runNodeLoadTest({ appUrl: app.url, users: LOCUST_USERS, spawnRate: LOCUST_SPAWN_RATE, seconds: options.locustSeconds, signal: children.signal });
      await resetStatements(options.admin);
      const scenarios = await runHttpBench({ appUrl: app.url, appPid: app.pid, postgresPid: options.postgresPid, seconds: options.seconds, log });
      const statements = await topStatements(options.admin);
      await app.stop();
      log(`small corpus: ${SEED_DOCUMENTS.length} documents on a fresh database`);
      const small = await appOn(options.smallCorpusUrl);
      let smallCorpus: HttpScenarioResult[];
      try {
        await seedDocuments(small.url);
        smallCorpus = await runHttpBench({ appUrl: small.url, appPid: small.pid, postgresPid: options.postgresPid, seconds: options.seconds, log, scenarios: ['chat-json', 'chat-stream'] });
      } finally {
        await small.stop();
      }
      const locustFailures = 'skipped' in locust ? 0 : locust.rows.reduce((n, r) => n + (r.name === 'Aggregated' ? 0 : r.failures), 0);
      return {
        scenarios,
        statements,
        smallCorpus,
        locust,
        nodeLoadTest,
        failedRequests: [...scenarios, ...smallCorpus].reduce((n, s) => n + s.errors, 0) + locustFailures + (nodeLoadTest.exitCode === 0 ? 0 : 1),
      };
    } finally {
      children.abort();
      await app.stop();
    }
  } finally {
    await fake.stop();
  }
}
