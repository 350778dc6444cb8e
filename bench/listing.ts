/**
 * History and library at scale: seeds 1,000 conversations (6 messages each) and 10,000 documents (one chunk and
 * one upload each, over five vaults) for one person, and as much for another, on PGlite and on PostgreSQL; then
 * times, in this process, the functions the tRPC procedures call (sessions.history, sessions.search,
 * documents.library): server-side latency without HTTP. Each must answer in under 200 ms at p95.
 *
 *   npm run bench:listing [-- --conversations 1000 --messages 6 --documents 10000 --runs 40 --drivers pglite,postgres]
 *
 * PostgreSQL: a private cluster of the native server (scripts/install-test-deps.sh installs it). Writes
 * bench/results/listing-<date>.json and .md, with the EXPLAIN ANALYZE of every query on each driver.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { openPglite, openPostgres, type Database, type Orm } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { historyPage, searchHistory } from '@/db/queries/conversation-history';
import { libraryPage, type LibraryQuery } from '@/db/queries/document-library';
import type { UserCaller } from '@/server/auth/caller';
import { parseConfig } from '@/server/config';
import { findLibraryPage } from '@/server/documents/library';
import { conversationHistory, searchConversations } from '@/server/history/conversations';
import { machineDescription } from './head-to-head/machine';
import { percentiles, type Percentiles } from './chat/stats';
import { analyze, seedPerson, type SeedSize } from './listing/seed';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZE: SeedSize = {
  conversations: Number(arg('conversations') ?? 1000),
  messagesPerConversation: Number(arg('messages') ?? 6),
  documents: Number(arg('documents') ?? 10_000),
};
const RUNS = Number(arg('runs') ?? 40);
const WARMUP = 5;
const DRIVERS = (arg('drivers') ?? 'pglite,postgres').split(',') as Array<'pglite' | 'postgres'>;
const BUDGET_MS = 200;
const SPEC = { model: 'bench-listing', dimensions: 3, index: { type: 'hnsw' as const, m: 8, efConstruction: 16, efSearch: 40, precision: 'half' as const } };

interface Scenario {
  name: string;
  /** Through the domain function the tRPC procedure calls. */
  run(): Promise<unknown>;
  /** The same query at the database layer, for EXPLAIN. */
  explain(db: Database): Promise<unknown>;
}

function scenarios(db: Database, caller: UserCaller, vaultIds: string[], deepCursor: string | null): Scenario[] {
  const deps = { db };
  const library = (query: Partial<LibraryQuery>): LibraryQuery => ({ sort: 'newest', page: 1, pageSize: 50, ...query });
  const filtered = library({ vaultId: vaultIds[2], status: 'ready', type: 'pdf', sort: 'title', page: 3 });
  return [
    {
      name: 'sidebar: first page (50)',
      run: () => conversationHistory(deps, caller, { limit: 50 }),
      explain: (on) => historyPage(on, caller.userId, { limit: 50 }),
    },
    {
      name: 'sidebar: page 10 (cursor)',
      run: () => conversationHistory(deps, caller, { cursor: deepCursor, limit: 50 }),
      explain: (on) => historyPage(on, caller.userId, { cursor: JSON.parse(Buffer.from(deepCursor!, 'base64url').toString()), limit: 50 }),
    },
    {
      name: 'sidebar: search "lighthouse keeper"',
      run: () => searchConversations(deps, caller, { search: 'lighthouse keeper', limit: 30 }),
      explain: (on) => searchHistory(on, caller.userId, { search: 'lighthouse keeper', limit: 30 }),
    },
    {
      name: 'sidebar: search "lifeb" (prefix)',
      run: () => searchConversations(deps, caller, { search: 'lifeb', limit: 30 }),
      explain: (on) => searchHistory(on, caller.userId, { search: 'lifeb', limit: 30 }),
    },
    {
      name: 'library: first page (50, newest)',
      run: () => findLibraryPage(deps, caller, library({})),
      explain: (on) => libraryPage(on, caller.userId, library({})),
    },
    {
      name: 'library: last page (newest)',
      run: () => findLibraryPage(deps, caller, library({ page: Math.ceil(SIZE.documents / 50) })),
      explain: (on) => libraryPage(on, caller.userId, library({ page: Math.ceil(SIZE.documents / 50) })),
    },
    {
      name: 'library: search "lighthouse"',
      run: () => findLibraryPage(deps, caller, library({ search: 'lighthouse' })),
      explain: (on) => libraryPage(on, caller.userId, library({ search: 'lighthouse' })),
    },
    {
      name: 'library: vault + ready + PDF, by title, page 3',
      run: () => findLibraryPage(deps, caller, filtered),
      explain: (on) => libraryPage(on, caller.userId, filtered),
    },
  ];
}

/** A Database whose raw queries are explained instead of run: the plans are collected, callers get no rows. */
function explaining(db: Database, plans: string[]): Database {
  return {
    ...db,
    // `on`: a statement inside a transaction must run on it (PGlite would wait for the transaction forever).
    rows: async <T extends Record<string, unknown>>(query: SQL, on?: Orm) => {
      const lines = await db.rows<Record<string, string>>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`, on);
      plans.push(lines.map((line) => Object.values(line)[0]).join('\n'));
      return [] as T[];
    },
  };
}

interface Measured {
  scenario: string;
  ms: Percentiles;
  withinBudget: boolean;
}

interface DriverResult {
  driver: string;
  seedSeconds: number;
  rows: Record<string, number>;
  results: Measured[];
  plans: Record<string, string[]>;
}

async function openDriver(driver: 'pglite' | 'postgres', teardown: Teardown): Promise<Database> {
  if (driver === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docent-bench-listing-'));
    teardown.push(async () => rmSync(dir, { recursive: true, force: true }));
    const db = await openPglite(dir);
    teardown.push(() => db.close());
    return db;
  }
  const cluster = await startBenchCluster(teardown);
  const config = parseConfig({ DATABASE_URL: await cluster.createDatabase(), LOG_LEVEL: 'silent' });
  if (config.database.driver !== 'postgres') throw new Error('expected PostgreSQL');
  const db = openPostgres(config.database);
  teardown.push(() => db.close());
  return db;
}

async function runDriver(driver: 'pglite' | 'postgres', teardown: Teardown): Promise<DriverResult> {
  log(`${driver}: opening and migrating`);
  const db = await openDriver(driver, teardown);
  await migrateDatabase(db, SPEC);

  log(`${driver}: seeding ${SIZE.conversations} conversations × ${SIZE.messagesPerConversation} messages and ${SIZE.documents} documents, for two people`);
  const seedStarted = performance.now();
  const person = await seedPerson(db, 'ada', SIZE, 1);
  await seedPerson(db, 'bob', SIZE, 2);
  await analyze(db);
  const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
  const [rows] = await db.rows<Record<string, number>>(sql`
    SELECT (SELECT count(*)::int FROM sessions) AS sessions, (SELECT count(*)::int FROM messages) AS messages,
           (SELECT count(*)::int FROM documents) AS documents, (SELECT count(*)::int FROM chunks) AS chunks`);
  log(`${driver}: seeded in ${seedSeconds} s: ${JSON.stringify(rows)}`);

  const caller: UserCaller = { kind: 'user', userId: person.userId, name: 'ada', email: 'ada@bench.invalid', role: 'member', via: 'session', scopes: 'all' };
  let cursor: string | null = null;
  for (let page = 0; page < 9; page += 1) cursor = (await conversationHistory({ db }, caller, { cursor, limit: 50 })).nextCursor;

  const results: Measured[] = [];
  const plans: Record<string, string[]> = {};
  for (const scenario of scenarios(db, caller, person.vaultIds, cursor)) {
    for (let i = 0; i < WARMUP; i += 1) await scenario.run();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await scenario.run();
      samples.push(performance.now() - started);
    }
    const ms = percentiles(samples);
    results.push({ scenario: scenario.name, ms, withinBudget: ms.p95 < BUDGET_MS });
    log(`${driver}: ${scenario.name}: p50 ${ms.p50} ms, p95 ${ms.p95} ms`);
    plans[scenario.name] = [];
    await scenario.explain(explaining(db, plans[scenario.name]!));
  }
  return { driver, seedSeconds, rows: rows!, results, plans };
}

function markdown(report: { date: string; machine: string; size: SeedSize; runs: number; drivers: DriverResult[] }): string {
  const names = report.drivers[0]?.results.map((r) => r.scenario) ?? [];
  const header = `| query | ${report.drivers.map((d) => `${d.driver} p50 / p95 (ms)`).join(' | ')} |`;
  const rule = `|---|${report.drivers.map(() => '---|').join('')}`;
  const lines = names.map((name) => {
    const cells = report.drivers.map((d) => {
      const r = d.results.find((x) => x.scenario === name)!;
      return `${r.ms.p50} / ${r.ms.p95}${r.withinBudget ? '' : ' ✗'}`;
    });
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  const plans = report.drivers.flatMap((d) => [
    `\n### Plans on ${d.driver}\n`,
    ...Object.entries(d.plans).map(([name, list]) => `<details><summary>${name}</summary>\n\n${list.map((p) => `\`\`\`\n${p}\n\`\`\``).join('\n\n')}\n\n</details>\n`),
  ]);
  return [
    `# Listing at scale, ${report.date.slice(0, 10)}`,
    '',
    `${report.machine}. Per person: ${report.size.conversations} conversations × ${report.size.messagesPerConversation} messages, ${report.size.documents} documents (one chunk and one upload each, five vaults); two people. ${report.runs} timed calls per query after ${WARMUP} warm-up calls, in process, through the functions the tRPC procedures call. Budget: p95 < ${BUDGET_MS} ms.`,
    '',
    `Seeding: ${report.drivers.map((d) => `${d.driver} ${d.seedSeconds} s (${JSON.stringify(d.rows)})`).join('; ')}.`,
    '',
    header,
    rule,
    ...lines,
    ...plans,
  ].join('\n');
}

async function main() {
  const teardown = new Teardown();
  try {
    const drivers: DriverResult[] = [];
    for (const driver of DRIVERS) drivers.push(await runDriver(driver, teardown));
    const date = new Date().toISOString();
    const report = { date, machine: machineDescription('PGlite and PostgreSQL 15'), size: SIZE, runs: RUNS, budgetMs: BUDGET_MS, drivers };
    const dir = path.join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const base = path.join(dir, `listing-${date.slice(0, 10)}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${base}.md`, `${markdown(report)}\n`);
    const failed = drivers.flatMap((d) => d.results.filter((r) => !r.withinBudget).map((r) => `${d.driver}: ${r.scenario} (p95 ${r.ms.p95} ms)`));
    console.log(markdown({ ...report, drivers: drivers.map((d) => ({ ...d, plans: {} })) }));
    console.log(`\nwritten to ${path.relative(process.cwd(), base)}.json and .md`);
    if (failed.length > 0) {
      console.log(`\nOver the ${BUDGET_MS} ms budget:\n${failed.join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log(`\nEvery query within ${BUDGET_MS} ms at p95.`);
    }
  } finally {
    await teardown.run();
  }
}

await main();
