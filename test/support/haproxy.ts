import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { waitForPort } from './wait-for-port';

/**
 * A private HAProxy (Debian's package, installed by scripts/install-test-deps.sh) on loopback balancing app
 * instances round robin, health-checked on GET /health every 500 ms: what operators put in front of several
 * instances. Each answer names the instance that gave it in `x-served-by` (web1, web2…), so tests can tell.
 */

const BIN = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
const ERROR_FILES = path.resolve(import.meta.dirname, '../../deploy/haproxy-errors');

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

/** `backends` are base URLs such as http://127.0.0.1:3001, named web1, web2… in order. */
export async function startHaproxy(backends: string[]): Promise<Balancer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docent-haproxy-'));
  const port = await freePort();
  const servers = backends.map((url, i) => {
    const { hostname, port: backendPort } = new URL(url);
    return `  server web${i + 1} ${hostname}:${backendPort} check inter 500ms fall 2 rise 2`;
  });
  const config = [
    'global',
    '  maxconn 2000',
    'defaults',
    '  mode http',
    // What HAProxy itself answers (no instance up, one died mid-request, a timeout) is a 503 with a message in
    // Docent's error shape, never a bare 502/504 page: the files deploy/ ships, so what is tested is what is deployed.
    ...[502, 503, 504].map((status) => `  errorfile ${status} ${path.join(ERROR_FILES, `${status}.http`)}`),
    '  timeout connect 2s',
    '  timeout client 120s',
    // A streamed answer may be quiet for a while between tokens; REQUEST_TIMEOUT bounds it on the app's side.
    '  timeout server 120s',
    // A request that could not reach an instance (refused: it is stopping or dead), or that met a kept-alive
    // connection the dead instance left behind, goes to another one. Never a POST once sent: the instance may
    // have started to act on it.
    // One request per client connection. On a kept-alive one, HAProxy answers a request whose instance dies before
    // answering by closing the client's connection without a word (so that an idempotent request may be retried,
    // as after a keep-alive timeout): a POST in flight got no answer at all, not the 503 (seen in the kill drill).
    '  option httpclose',
    '  retries 2',
    '  option redispatch',
    '  retry-on conn-failure empty-response',
    'frontend docent',
    `  bind 127.0.0.1:${port}`,
    '  default_backend web',
    'backend web',
    '  balance roundrobin',
    '  option httpchk GET /health',
    '  http-check expect status 200',
    '  http-request disable-l7-retry if METH_POST',
    '  http-response set-header x-served-by %s',
    ...servers,
  ].join('\n');
  const configPath = path.join(dir, 'haproxy.cfg');
  await writeFile(configPath, `${config}\n`);
  const child = spawn(BIN, ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await waitForPort(child, port, 'haproxy', () => output);
  return {
    url: `http://127.0.0.1:${port}`,
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
