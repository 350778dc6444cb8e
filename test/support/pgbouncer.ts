import { spawn, execFile } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { waitForPort } from './wait-for-port';

/**
 * A private PgBouncer (Debian's package, installed by scripts/install-test-deps.sh) on loopback in front of a
 * PostgreSQL server, in transaction mode: consecutive transactions of one client may run on different server
 * connections, which is what breaks session state, prepared statements and session-level advisory locks.
 */

const run = promisify(execFile);
const BIN = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';
const isRoot = process.getuid?.() === 0;

export interface PgBouncer {
  port: number;
  /** `serverUrl` with the host and port swapped for the pooler's. */
  url(serverUrl: string): string;
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer for every database on the server at `serverPort`. `poolSize` server connections per database:
 * small, so that clients really share them.
 */
export async function startPgBouncer(serverPort: number, poolSize = 3): Promise<PgBouncer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docent-pgbouncer-'));
  const port = await freePort();
  const ini = [
    '[databases]',
    `* = host=127.0.0.1 port=${serverPort} user=postgres`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    // Test clusters trust loopback; PgBouncer connects as the user named above whatever the client says.
    'auth_type = any',
    'pool_mode = transaction',
    // After PostgreSQL restarts, try logging in again within a second, not the default 15.
    'server_login_retry = 1',
    `default_pool_size = ${poolSize}`,
    'max_client_conn = 400',
    `logfile = ${path.join(dir, 'pgbouncer.log')}`,
    `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
  ].join('\n');
  const iniPath = path.join(dir, 'pgbouncer.ini');
  await writeFile(iniPath, `${ini}\n`);
  // PgBouncer refuses to run as root.
  if (isRoot) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(uid.trim()), Number(gid.trim()));
    await chown(iniPath, Number(uid.trim()), Number(gid.trim()));
  }
  const command = isRoot ? ['runuser', ['-u', 'postgres', '--', BIN, iniPath]] : [BIN, [iniPath]];
  const child = spawn(command[0] as string, command[1] as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await waitForPort(child, port, 'pgbouncer', () => output);
  return {
    port,
    url: (serverUrl) => serverUrl.replace(/@127\.0\.0\.1:\d+\//, `@127.0.0.1:${port}/`),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
