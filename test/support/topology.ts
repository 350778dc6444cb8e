import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startAppServer, type AppServer } from './app-server';
import { startHaproxy, type Balancer } from './haproxy';
import { startPgBouncer, type PgBouncer } from './pgbouncer';
import { createDatabase, startPostgresCluster, startStandbyOf, type PostgresCluster } from './postgres-cluster';
import { startRedisServer, type RedisServer } from './redis-server';

/**
 * Docent as a team deploys it beyond one machine, on loopback, from Debian's packages and the app's build: a
 * PostgreSQL primary with a streaming replica, PgBouncer in transaction mode in front of the primary, Redis, web
 * instances that leave ingestion to a separate worker, and HAProxy balancing them on /health. Used by
 * `npm run cluster`, the fault drills (`npm run drill`) and the scale tests.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Worker {
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface Topology {
  primary: PostgresCluster;
  replica: PostgresCluster;
  bouncer: PgBouncer;
  redis: RedisServer;
  webs: AppServer[];
  worker: Worker;
  balancer: Balancer;
  /** The settings every instance runs with. */
  env: Record<string, string>;
  /** Starts a replacement ingestion worker (after a drill killed the first). */
  restartWorker(): Promise<Worker>;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  webInstances?: number;
  /** The app's other settings, e.g. OPENAI_BASE_URL for a fake model; offline models by default. */
  appEnv?: Record<string, string>;
  log?: (line: string) => void;
}

function startWorker(env: Record<string, string>): Worker {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest-worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return {
    pid: child.pid!,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const log = options.log ?? (() => {});
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    while (stops.length > 0) await stops.pop()!().catch((error: unknown) => log(`stopping: ${String(error)}`));
  };
  try {
    log('PostgreSQL primary, Redis');
    // Durable, as in production: the drills crash it and count what was lost.
    const [primary, redis] = await Promise.all([startPostgresCluster({ durable: true }), startRedisServer()]);
    stops.push(() => primary.destroy(), () => redis.stop());
    const directUrl = await createDatabase(primary.url());
    log('streaming replica (pg_basebackup -R), PgBouncer');
    const replica = await startStandbyOf(primary);
    stops.push(() => replica.destroy());
    const bouncer = await startPgBouncer(primary.port, 10);
    stops.push(() => bouncer.stop());
    const env: Record<string, string> = {
      DATABASE_URL: bouncer.url(directUrl),
      DB_POOL_MODE: 'transaction',
      DATABASE_DIRECT_URL: directUrl,
      DATABASE_READ_URL: directUrl.replace(`:${primary.port}/`, `:${replica.port}/`),
      REDIS_URL: redis.url,
      INGEST_WORKER: 'false',
      ...options.appEnv,
    };
    const count = options.webInstances ?? 2;
    log(`${count} web instances`);
    // One after the other: the first migrates the database (the others would wait on the migration lock anyway).
    const webs: AppServer[] = [];
    for (let i = 0; i < count; i++) {
      const web = await startAppServer(env);
      webs.push(web);
      stops.push(() => web.stop());
    }
    log('ingestion worker, HAProxy');
    let worker = startWorker(env);
    stops.push(() => worker.stop());
    const balancer = await startHaproxy(webs.map((web) => web.url));
    stops.push(() => balancer.stop());
    return {
      primary,
      replica,
      bouncer,
      redis,
      webs,
      get worker() {
        return worker;
      },
      balancer,
      env,
      async restartWorker() {
        worker = startWorker(env);
        return worker;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
