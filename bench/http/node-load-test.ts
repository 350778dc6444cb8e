import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** bench/load-test.ts (the seed's Locust file in Node) in a process of its own, as a user runs it. */
export function runNodeLoadTest(options: {
  appUrl: string;
  users: number;
  spawnRate: number;
  seconds: number;
  signal: AbortSignal;
}): Promise<{ exitCode: number; output: string }> {
  const script = path.join(ROOT, 'bench/load-test.ts');
  const flags = ['--host', options.appUrl, '--users', String(options.users), '--spawn-rate', String(options.spawnRate), '--seconds', String(options.seconds)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], signal: options.signal });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ exitCode: code ?? 1, output: output.trim() }));
  });
}
