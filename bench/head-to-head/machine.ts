import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What the numbers were measured on: CPU, memory, OS, Node and the database. */
export function machineDescription(database: string): string {
  let osName = os.type();
  try {
    osName = /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? osName;
  } catch {
    // not Linux: os.type() will do
  }
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${osName}, Node ${process.version}, ${database}`;
}
