import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '@/db/client';

/**
 * A new PGlite data directory costs an initdb: 3–10 s of WASM work on a busy two-core machine, and most tests
 * open one per driver. The run makes one empty cluster (`createPgliteTemplate`, from the global setup) and each
 * test database starts as a copy of it: what initdb would have written, for the price of a file copy.
 */
export async function createPgliteTemplate(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docent-pglite-template-'));
  const db = await openPglite(dir);
  await db.close();
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function copyPgliteTemplate(template: string, dataDir: string): Promise<void> {
  await cp(template, dataDir, { recursive: true });
}
