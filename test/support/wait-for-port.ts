import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Waits until `child` (a server it started) accepts connections on `port`; fails if it exits or takes over 10 s. */
export async function waitForPort(child: ChildProcess, port: number, name: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start on port ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
