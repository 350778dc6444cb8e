import { sql, type SQL } from 'drizzle-orm';

/**
 * Who may see what, as SQL to put inside the queries that read: a vault is readable by its owner, by the
 * users it is shared with, and by everyone when it is open to everyone; writable likewise with `write` access.
 * Documents, chunks and agents follow their vault. Never a list fetched first and checked after: a search's
 * top_k is then always made of passages the user may read.
 */

/** `SELECT id FROM vaults …` that `userId` may read. */
export function readableVaults(userId: string): SQL {
  return sql`(SELECT v.id FROM vaults v WHERE v.owner_id = ${userId} OR v.visibility = 'everyone'
    OR (v.visibility = 'shared' AND EXISTS (SELECT 1 FROM vault_members m WHERE m.vault_id = v.id AND m.user_id = ${userId})))`;
}

/** `SELECT id FROM vaults …` that `userId` may add documents to and delete them from. */
export function writableVaults(userId: string): SQL {
  return sql`(SELECT v.id FROM vaults v WHERE v.owner_id = ${userId}
    OR (v.visibility = 'everyone' AND v.everyone_access = 'write')
    OR (v.visibility = 'shared' AND EXISTS (
      SELECT 1 FROM vault_members m WHERE m.vault_id = v.id AND m.user_id = ${userId} AND m.access = 'write')))`;
}
