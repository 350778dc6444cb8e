import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPglite, type Database } from '@/db/client';

/**
 * A new PGlite data directory costs an initdb: 3–10 s of WASM work on a busy two-core machine, and most tests
 * open one per driver. The run makes one empty cluster (`createPgliteTemplate`, from the global setup) and each
 * test database starts as a copy of it: what initdb would have written, for the price of a file copy. Migrated
 * copies (`createMigratedTemplate`) sit beside it and go with it at the end of the run.
 */
export async function createPgliteTemplate(): Promise<{ path: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'docent-pglite-templates-'));
  const empty = path.join(root, 'empty');
  await mkdir(empty);
  const db = await openPglite(empty);
  await db.close();
  return { path: empty, remove: () => rm(root, { recursive: true, force: true }) };
}

export async function copyPgliteTemplate(template: string, dataDir: string): Promise<void> {
  await cp(template, dataDir, { recursive: true });
}

/** A copy of the empty cluster with `migrate` applied, closed cleanly so that it can be copied in turn. */
export async function createMigratedTemplate(emptyTemplate: string, migrate: (db: Database) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(path.join(path.dirname(emptyTemplate), 'migrated-'));
  await copyPgliteTemplate(emptyTemplate, dir);
  const db = await openPglite(dir);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return dir;
}
