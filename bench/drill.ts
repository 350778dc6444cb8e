/**
 * `npm run drill`: fault drills on the scaled-out topology (`npm run cluster`'s: primary + replica, PgBouncer,
 * Redis, two web instances, a worker, HAProxy), each under the seed locustfile's mix through the balancer: kill -9
 * a web instance, restart the primary, stop the replica, stop Redis, kill the worker mid-document, a slow model.
 * Each fault is repaired the way a supervisor would (restart after a few seconds), never by hand mid-drill. For
 * each: requests by status, user messages acknowledged vs stored, documents acknowledged vs ready, and the time
 * from the fault to the last failed request. Writes bench/results/drill-<date>.{json,md}.
 *
 * Before the drills, the same mix with no wait between requests through one web instance, then two
 * (bench/drill/throughput.ts): throughput of two instances against one, same machine, same run.
 *
 *   npm run build && npm run drill [-- --seconds 20 --users 8 --only kill-web,stop-redis] [--no-throughput]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startAppServer } from '@/test/support/app-server';
import { openDatabase, type Database } from '@/db/client';
import { parseConfig } from '@/server/config';
import { startFakeOpenAI } from '@/test/support/fake-openai';
import { startRedisServer, type RedisServer } from '@/test/support/redis-server';
import { startTopology, type Topology } from '@/test/support/topology';
import { runLoad, type Sent } from './drill/load';
import { measureThroughput, throughputTable, type ThroughputRun } from './drill/throughput';
import { log } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(arg('seconds') ?? 20);
const USERS = Number(arg('users') ?? 8);
const REQUEST_TIMEOUT_SECONDS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Drill {
  name: string;
  what: string;
  /** Breaks something; returns how to repair it, called a few seconds later (a supervisor's restart). */
  fault(t: Topology, extra: Extra): Promise<() => Promise<void>>;
}

interface Extra {
  fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  redis: RedisServer;
}

const DRILLS: Drill[] = [
  {
    name: 'kill-web',
    what: 'kill -9 one web instance; restarted 5 s later',
    async fault(t) {
      const victim = t.webs[0]!;
      const port = Number(new URL(victim.url).port);
      process.kill(victim.pid, 'SIGKILL');
      return async () => {
        t.webs[0] = await startAppServer(t.env, 'serve', port);
      };
    },
  },
  {
    name: 'restart-primary',
    what: 'PostgreSQL primary stopped (immediate) and started 5 s later',
    async fault(t) {
      await t.primary.stop();
      return () => t.primary.start();
    },
  },
  {
    name: 'stop-replica',
    what: 'the streaming replica stopped; started at the end',
    async fault(t) {
      await t.replica.stop();
      return () => t.replica.start();
    },
  },
  {
    name: 'stop-redis',
    what: 'Redis stopped; started 5 s later on the same port, empty',
    async fault(_t, extra) {
      const port = Number(new URL(extra.redis.url).port);
      await extra.redis.stop();
      return async () => {
        extra.redis = await startRedisServer(port);
      };
    },
  },
  {
    name: 'kill-worker',
    what: 'kill -9 the ingestion worker mid-document; a new one 5 s later',
    async fault(t) {
      await t.worker.stop('SIGKILL');
      return async () => {
        await t.restartWorker();
      };
    },
  },
  {
    name: 'slow-model',
    what: 'the model writes one token per second for the rest of the drill',
    async fault(_t, extra) {
      extra.fake.failNext('chat', ...Array.from({ length: 2000 }, () => ({ kind: 'slow-stream' as const, chunkDelayMs: 1000 })));
      return async () => {};
    },
  },
];

interface Outcome {
  drill: string;
  what: string;
  requests: number;
  byStatus: Record<string, number>;
  messages: { acknowledged: number; stored: number; lost: number };
  documents: { acknowledged: number; ready: number; failed: number; lost: number };
  recoverySeconds: number;
  /** Requests with no answer at all, by the client's error. */
  noAnswer: Record<string, number>;
}

async function settle(db: Database, ids: string[]): Promise<Map<string, string>> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const rows = ids.length
      ? await db.rows<{ id: string; status: string }>(sql`SELECT id, status FROM documents WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`)
      : [];
    const statuses = new Map(rows.map((r) => [r.id, r.status]));
    const pending = ids.filter((id) => !['ready', 'failed'].includes(statuses.get(id) ?? ''));
    if (pending.length === 0 || Date.now() > deadline) return statuses;
    await sleep(1_000);
  }
}

async function measure(drill: Drill, sent: Sent[], faultAt: number, db: Database, tag: string): Promise<Outcome> {
  const byStatus: Record<string, number> = {};
  for (const s of sent) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  const ok = (s: Sent) => s.status >= 200 && s.status < 300;
  const chats = sent.filter((s) => s.kind === 'chat' && ok(s));
  const stored = new Set(
    (
      await db.rows<{ client_id: string }>(
        sql`SELECT DISTINCT s.client_id FROM sessions s JOIN messages m ON m.session_id = s.id
            WHERE m.role = 'user' AND s.client_id LIKE ${`${tag}-%`}`,
      )
    ).map((r) => r.client_id),
  );
  const ids = sent.filter((s) => s.kind === 'ingest' && ok(s) && s.documentId).map((s) => s.documentId!);
  const statuses = await settle(db, ids);
  const failures = sent.filter((s) => !ok(s));
  const lastFailure = Math.max(faultAt, ...failures.map((s) => s.at + s.ms));
  return {
    drill: drill.name,
    what: drill.what,
    requests: sent.length,
    byStatus,
    messages: { acknowledged: chats.length, stored: chats.filter((s) => stored.has(s.key)).length, lost: chats.filter((s) => !stored.has(s.key)).length },
    documents: {
      acknowledged: ids.length,
      ready: ids.filter((id) => statuses.get(id) === 'ready').length,
      failed: ids.filter((id) => statuses.get(id) === 'failed').length,
      lost: ids.filter((id) => !['ready', 'failed'].includes(statuses.get(id) ?? '')).length,
    },
    recoverySeconds: Math.round((lastFailure - faultAt) / 100) / 10,
    noAnswer: sent.filter((s) => s.status === 0).reduce<Record<string, number>>((n, s) => ({ ...n, [s.error ?? 'unknown']: (n[s.error ?? 'unknown'] ?? 0) + 1 }), {}),
  };
}

function table(outcomes: Outcome[]): string {
  const rows = outcomes.map((o) => {
    const statuses = Object.entries(o.byStatus)
      .map(([status, n]) => `${status === '0' ? 'no answer' : status}: ${n}`)
      .join(', ');
    return `| ${o.drill} | ${o.what} | ${o.requests} | ${statuses} | ${o.messages.acknowledged} / ${o.messages.stored} / **${o.messages.lost}** | ${o.documents.acknowledged} / ${o.documents.ready} / ${o.documents.failed} / **${o.documents.lost}** | ${o.recoverySeconds} s |`;
  });
  return [
    '| drill | fault | requests | by status | messages acknowledged / stored / **lost** | documents acknowledged / ready / failed / **lost** | last failure after the fault |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

const only = arg('only')?.split(',');
const drills = only ? DRILLS.filter((d) => only.includes(d.name)) : DRILLS;
const fake = await startFakeOpenAI();
log('starting the topology');
const topology = await startTopology({
  log,
  appEnv: {
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'drill',
    // The seed's clients send no credentials; the drills count faults, not limits.
    ALLOW_ANONYMOUS_API: 'true',
    RATE_LIMIT_CHAT: '0',
    RATE_LIMIT_INGEST: '0',
    RATE_LIMIT_UPLOAD: '0',
    REQUEST_TIMEOUT: String(REQUEST_TIMEOUT_SECONDS),
  },
});
const extra: Extra = { fake, redis: topology.redis };
const db = await openDatabase(parseConfig({ DATABASE_URL: topology.env.DATABASE_DIRECT_URL! }).database);
const outcomes: Outcome[] = [];
let throughput: ThroughputRun[] = [];
try {
  if (!args.includes('--no-throughput')) {
    log(`throughput: ${USERS * 2} users without waits, 4 rounds of 10 s through one web instance, then two, alternating`);
    throughput = await measureThroughput(topology, { seconds: 10, rounds: 4, users: USERS * 2, timeoutMs: (REQUEST_TIMEOUT_SECONDS + 10) * 1000 });
    log(`  ${JSON.stringify(throughput)}`);
  }
  for (const drill of drills) {
    const tag = `drill-${drill.name}-${Date.now().toString(36)}`;
    log(`${drill.name}: ${drill.what}, ${USERS} users for ${SECONDS} s`);
    const load = runLoad({ url: topology.balancer.url, users: USERS, seconds: SECONDS, tag, timeoutMs: (REQUEST_TIMEOUT_SECONDS + 10) * 1000, waitMs: { min: 250, max: 750 } });
    await sleep((SECONDS * 1000) / 4);
    const faultAt = Date.now();
    const repair = await drill.fault(topology, extra);
    await sleep(5_000);
    await repair();
    const sent = await load;
    fake.reset();
    const outcome = await measure(drill, sent, faultAt, db, tag);
    if (process.env.DRILL_DEBUG) {
      for (const s of sent.filter((r) => r.status === 0)) log(`  no answer: ${s.kind} sent ${s.at - faultAt} ms after the fault, ${s.ms} ms, ${s.error}`);
    }
    log(`  ${JSON.stringify(outcome)}`);
    if (process.env.DRILL_DEBUG) {
      const dump = path.join(os.tmpdir(), `${tag}.log`);
      writeFileSync(dump, [topology.worker.output(), ...topology.webs.map((web) => web.output())].join('\n---\n'));
      log(`  worker and web output: ${dump}`);
    }
    outcomes.push(outcome);
    // The next drill starts on a whole topology: every instance back in the balancer.
    await sleep(3_000);
  }
} finally {
  await db.close();
  await topology.stop();
  if (extra.redis !== topology.redis) await extra.redis.stop();
  await fake.close();
}

const date = new Date().toISOString().slice(0, 10);
// A run of some drills only (--only) is kept apart from the full run's results.
const out = path.resolve(import.meta.dirname, 'results', `drill-${date}${only ? `-${only.join('+')}` : ''}`);
writeFileSync(`${out}.json`, `${JSON.stringify({ date, seconds: SECONDS, users: USERS, machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, throughput, outcomes }, null, 2)}\n`);
const throughputMd = throughput.length ? `## Two web instances against one\n\n${throughputTable(throughput)}\n\n` : '';
const report = `${throughputMd}## Drills\n\n${USERS} users for ${SECONDS} s per drill through HAProxy; the fault at a quarter of the run, repaired 5 s later.\n\n${table(outcomes)}\n`;
writeFileSync(`${out}.md`, `# Fault drills, ${date}\n\n${report}`);
console.log(report);
const lost = outcomes.reduce((n, o) => n + o.messages.lost + o.documents.lost, 0);
process.exit(lost === 0 ? 0 : 1);
