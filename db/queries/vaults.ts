import { asc, count, eq, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { bumpCorpusVersion } from './corpus-version';
import { DEFAULT_VAULT_ID, documents, vaults } from '../schema';

export interface Vault {
  id: string;
  name: string;
  description: string | null;
  documentCount: number;
  isDefault: boolean;
  createdAt: Date;
}

const vaultColumns = {
  id: vaults.id,
  name: vaults.name,
  description: vaults.description,
  createdAt: vaults.createdAt,
  documentCount: sql<number>`${count(documents.id)}::int`,
};

/** Vaults with their document counts (the join makes drizzle qualify every column). */
function selectVaults(db: Database) {
  return db.orm
    .select(vaultColumns)
    .from(vaults)
    .leftJoin(documents, eq(documents.vaultId, vaults.id))
    .groupBy(vaults.id)
    .$dynamic();
}

function withDefaultFlag<T extends { id: string }>(row: T): T & { isDefault: boolean } {
  return { ...row, isDefault: row.id === DEFAULT_VAULT_ID };
}

/** The default vault first, then the others by name. */
export async function listVaults(db: Database): Promise<Vault[]> {
  const rows = await selectVaults(db).orderBy(sql`${vaults.id} <> ${DEFAULT_VAULT_ID}`, asc(sql`lower(${vaults.name})`));
  return rows.map(withDefaultFlag);
}

export async function getVault(db: Database, id: string): Promise<Vault | null> {
  const [row] = await selectVaults(db).where(eq(vaults.id, id));
  return row ? withDefaultFlag(row) : null;
}

/** Null when a vault of that name (case-insensitively) already exists. */
export async function insertVault(db: Database, input: { name: string; description?: string | null }) {
  const [row] = await db.orm
    .insert(vaults)
    .values({ name: input.name, description: input.description ?? null })
    .onConflictDoNothing()
    .returning({ id: vaults.id });
  return row ? getVault(db, row.id) : null;
}

/** Deletes a vault with its documents and chunks (cascade). */
export function deleteVaultById(db: Database, id: string): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const deleted = await orm.delete(vaults).where(eq(vaults.id, id)).returning({ id: vaults.id });
    if (deleted.length > 0) await bumpCorpusVersion(orm);
    return deleted.length > 0;
  });
}
