import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { TestDatabase } from './databases';

/** Applies the migrations up to and including `last`, from a copy of drizzle/ with a shortened journal. */
export async function migrateUpTo(t: TestDatabase, last: string): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'docent-migrations-'));
  try {
    await cp(path.join(process.cwd(), 'drizzle'), folder, { recursive: true });
    const journalPath = path.join(folder, 'meta/_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === last) + 1);
    await writeFile(journalPath, JSON.stringify(journal));
    if (t.db.driver === 'pglite') await migratePglite(t.db.orm as never, { migrationsFolder: folder });
    else await migratePostgres(t.db.orm as never, { migrationsFolder: folder });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
