import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './free-port';

/**
 * A private native PostgreSQL 15 cluster on loopback, made by initdb in a temporary directory. Tests get real
 * Postgres with pgvector (installed by scripts/install-test-deps.sh) and can stop and restart it at will.
 */

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

export interface PostgresCluster {
  port: number;
  url(database?: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  destroy(): Promise<void>;
}

/** Postgres refuses to run as root: run its tools as the `postgres` user when we are root. */
function pgTool(tool: string, args: string[]) {
  const command = path.join(BIN, tool);
  return isRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
}

/** Creates a uniquely named, empty database on the server behind `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `docent_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

async function ownedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  return dir;
}

/**
 * A cluster object over a data directory that exists (made by initdb or by pg_basebackup). Durability is pointless
 * for throw-away test data and turning it off makes every test faster; a fault drill that crashes the server and
 * counts what was lost needs it on, as in production.
 */
function clusterAt(dir: string, dataDir: string, port: number, durable = false): PostgresCluster {
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=200',
  ].join(' ');

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const cluster: PostgresCluster = {
    port,
    url,
    async start() {
      await pgTool('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', path.join(dir, 'server.log'), '-w', 'start']);
    },
    async stop() {
      await pgTool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    },
    createDatabase: () => createDatabase(url()),
    async destroy() {
      await cluster.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

export async function startPostgresCluster(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const dir = await ownedTempDir('docent-pg-');
  const dataDir = path.join(dir, 'data');
  await pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const cluster = clusterAt(dir, dataDir, await freePort(), options.durable);
  await cluster.start();
  return cluster;
}

/**
 * A streaming replica (hot standby) of `primary`, made as operators make one: pg_basebackup with -R, which writes
 * the standby.signal and primary_conninfo. initdb's trust rules let loopback replication connections in.
 */
export async function startStandbyOf(primary: PostgresCluster): Promise<PostgresCluster> {
  const dir = await ownedTempDir('docent-pg-standby-');
  const dataDir = path.join(dir, 'data');
  await pgTool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  const standby = clusterAt(dir, dataDir, await freePort());
  await standby.start();
  return standby;
}
