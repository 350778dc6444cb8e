import { sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { readableVaults, writableVaults } from './access';
import { bumpCorpusVersion } from './corpus-version';

/**
 * Sets a document's tags if `userId` may write its vault; false otherwise. Tags narrow filtered searches, so
 * cached answers are expired with them.
 */
export function setDocumentTags(db: Database, userId: string, documentId: string, tags: string[]): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const tagArray = tags.length > 0 ? sql`ARRAY[${sql.join(tags.map((tag) => sql`${tag}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;
    const updated = await db.rows(
      sql`UPDATE documents SET tags = ${tagArray}, updated_at = now()
          WHERE id = ${documentId} AND vault_id IN ${writableVaults(userId)} RETURNING id`,
      orm,
    );
    if (updated.length > 0) await bumpCorpusVersion(orm);
    return updated.length > 0;
  });
}

/** The tags used in the vaults `userId` may read, most used first: suggestions when tagging and filtering. */
export async function usedTags(db: Database, userId: string, limit: number): Promise<Array<{ tag: string; documents: number }>> {
  const rows = await db.rows<{ tag: string; documents: number }>(
    sql`SELECT tag, count(*)::int AS documents
        FROM documents d, unnest(d.tags) AS tag
        WHERE d.vault_id IN ${readableVaults(userId)}
        GROUP BY tag ORDER BY count(*) DESC, tag LIMIT ${limit}`,
  );
  return rows.map((row) => ({ tag: row.tag, documents: Number(row.documents) }));
}
