import { eq, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { corpusVersion } from '../schema';

/** Call inside the transaction that changes searchable content (chunks appear, change or disappear). */
export async function bumpCorpusVersion(orm: Orm): Promise<void> {
  await orm
    .update(corpusVersion)
    .set({ version: sql`${corpusVersion.version} + 1` })
    .where(eq(corpusVersion.id, 1));
}

export async function getCorpusVersion(db: Database): Promise<number> {
  const [row] = await db.orm.select({ version: corpusVersion.version }).from(corpusVersion).where(eq(corpusVersion.id, 1));
  return row?.version ?? 0;
}
