import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { readableVaults } from './access';

/** How many documents a question could search (in one vault, or every vault the user reads), and how many are ready. */
export async function searchableDocuments(db: Database, userId: string, vaultId: string | null): Promise<{ total: number; ready: number }> {
  const [row] = await db.rows<{ total: number | string; ready: number | string }>(sql`
    SELECT count(*) AS total, count(*) FILTER (WHERE d.status = 'ready') AS ready
    FROM documents d
    WHERE d.vault_id IN ${readableVaults(userId)} ${vaultId ? sql`AND d.vault_id = ${vaultId}` : sql``}`);
  return { total: Number(row?.total ?? 0), ready: Number(row?.ready ?? 0) };
}
