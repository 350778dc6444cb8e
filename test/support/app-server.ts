import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';

/**
 * The production build in a child process, over real HTTP on loopback: `npm start` (scripts/serve.mjs, what users
 * run), or plain `next start` where a test needs every request to go through Next.js's router.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVE = path.join(ROOT, 'scripts/serve.mjs');
const NEXT = path.join(ROOT, 'node_modules/next/dist/bin/next');

export type ServerKind = 'serve' | 'next';

// The developer's own settings must not leak into a test's server.
const APP_VARIABLES =
  /^(DATABASE_URL|DATABASE_DIRECT_URL|DB_|OPENAI_|CHAT_MODEL|EMBEDDING_|REDIS_URL|DATA_DIR|PORT|HOST|LOG_LEVEL|VECTOR_INDEX|HNSW_|IVFFLAT_|WORKERS|TRUST_PROXY|RATE_LIMIT_|HTTP_|ALLOW_ANONYMOUS_API|PUBLIC_URL|AUTH_|OIDC_|ADMIN_TOKEN)/;

export interface AppServer {
  url: string;
  /** The server's process (with WORKERS > 1, the primary). */
  pid: number;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code (null when killed). */
  stop(): Promise<number | null>;
}

function launch(env: Record<string, string>, port: number, kind: ServerKind = 'serve'): { child: ChildProcess; output: () => string } {
  if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` before the HTTP tests.');
  }
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !APP_VARIABLES.test(key)));
  const command = kind === 'serve' ? [SERVE] : [NEXT, 'start'];
  // Loopback, unless the test sets HOST itself to see what the server makes of it.
  const host = env.HOST === undefined ? ['-H', '127.0.0.1'] : [];
  const child = spawn(process.execPath, [...command, '-p', String(port), ...host], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Starts the app and resolves once /health answers (healthy or not). */
export async function startAppServer(env: Record<string, string> = {}, kind: ServerKind = 'serve', chosenPort?: number): Promise<AppServer> {
  const port = chosenPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = launch(env, port, kind);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not answer /health within 60 s:\n${output()}`);
    }
    const answered = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await done;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs the app expecting it to refuse to start; resolves with its exit code and output. */
export async function runAppExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output } = launch(env, await freePort());
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await exited(child);
  clearTimeout(timer);
  return { code, output: output() };
}
