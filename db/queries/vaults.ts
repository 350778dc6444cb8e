import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { readableVaults, writableVaults } from './access';
import { bumpCorpusVersion } from './corpus-version';
import { DEFAULT_VAULT_ID, users, vaultMembers, vaults } from '../schema';

export type VaultVisibility = 'private' | 'shared' | 'everyone';
export type VaultAccess = 'read' | 'write';

export interface Vault {
  id: string;
  name: string;
  description: string | null;
  documentCount: number;
  isDefault: boolean;
  ownerId: string | null;
  ownerName: string | null;
  visibility: VaultVisibility;
  everyoneAccess: VaultAccess;
  /** What the asking user may do: read, or also add and delete documents; `own` adds sharing and deleting it. */
  access: VaultAccess | 'own';
  /** How its documents are chunked (tokens); null: the configured CHUNK_SIZE / CHUNK_OVERLAP. */
  chunkSize: number | null;
  chunkOverlap: number | null;
  createdAt: Date;
}

export interface VaultMember {
  userId: string;
  name: string;
  email: string;
  access: VaultAccess;
}

interface VaultRow {
  id: string;
  name: string;
  description: string | null;
  owner_id: string | null;
  owner_name: string | null;
  visibility: VaultVisibility;
  everyone_access: VaultAccess;
  access: Vault['access'];
  document_count: number;
  chunk_size: number | null;
  chunk_overlap: number | null;
  created_at: Date | string;
}

function toVault(row: VaultRow): Vault {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    documentCount: Number(row.document_count),
    isDefault: row.id === DEFAULT_VAULT_ID,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    visibility: row.visibility,
    everyoneAccess: row.everyone_access,
    access: row.access,
    chunkSize: row.chunk_size,
    chunkOverlap: row.chunk_overlap,
    createdAt: new Date(row.created_at),
  };
}

/** The vaults `userId` may read, with their document counts and the user's access to each. */
function selectReadable(db: Database, userId: string, only?: string) {
  return db.rows<VaultRow & Record<string, unknown>>(sql`
    SELECT v.id, v.name, v.description, v.owner_id, u.name AS owner_name, v.visibility, v.everyone_access, v.created_at,
           v.chunk_size, v.chunk_overlap,
           CASE WHEN v.owner_id = ${userId} THEN 'own'
                WHEN v.id IN ${writableVaults(userId)} THEN 'write'
                ELSE 'read' END AS access,
           (SELECT count(*)::int FROM documents d WHERE d.vault_id = v.id) AS document_count
    FROM vaults v
    LEFT JOIN users u ON u.id = v.owner_id
    WHERE v.id IN ${readableVaults(userId)} ${only ? sql`AND v.id = ${only}` : sql``}
    ORDER BY v.id <> ${DEFAULT_VAULT_ID}, lower(v.name)`);
}

/** The default vault first, then the others by name. */
export async function listVaults(db: Database, userId: string): Promise<Vault[]> {
  return (await selectReadable(db, userId)).map(toVault);
}

/** Null when the vault does not exist or the user may not read it: the same to them. */
export async function getVault(db: Database, userId: string, id: string): Promise<Vault | null> {
  const [row] = await selectReadable(db, userId, id);
  return row ? toVault(row) : null;
}

/** A new private vault of `ownerId`; null when they already have one of that name (case-insensitively). */
export async function insertVault(db: Database, ownerId: string, input: { name: string; description?: string | null }) {
  const [row] = await db.orm
    .insert(vaults)
    .values({ name: input.name, description: input.description ?? null, ownerId })
    .onConflictDoNothing()
    .returning({ id: vaults.id });
  return row ? getVault(db, ownerId, row.id) : null;
}

/** Deletes the owner's vault with its documents and chunks (cascade); false when it is not theirs. */
export function deleteVaultById(db: Database, ownerId: string, id: string): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const deleted = await orm
      .delete(vaults)
      .where(and(eq(vaults.id, id), eq(vaults.ownerId, ownerId)))
      .returning({ id: vaults.id });
    if (deleted.length > 0) await bumpCorpusVersion(orm);
    return deleted.length > 0;
  });
}

/** Who a vault is shared with; only its owner may ask. */
export async function listVaultMembers(db: Database, ownerId: string, vaultId: string): Promise<VaultMember[]> {
  return db.orm
    .select({ userId: users.id, name: users.name, email: users.email, access: sql<VaultAccess>`${vaultMembers.access}` })
    .from(vaultMembers)
    .innerJoin(users, eq(users.id, vaultMembers.userId))
    .innerJoin(vaults, eq(vaults.id, vaultMembers.vaultId))
    .where(and(eq(vaultMembers.vaultId, vaultId), eq(vaults.ownerId, ownerId)))
    .orderBy(asc(sql`lower(${users.name})`));
}

/**
 * Sets who may read and write the owner's vault, members replaced as a whole, in one transaction; false when the
 * vault is not theirs. Members must be users of the install (unknown ids are ignored by the join).
 */
export function setVaultSharing(
  db: Database,
  ownerId: string,
  vaultId: string,
  sharing: { visibility: VaultVisibility; everyoneAccess: VaultAccess; members: Array<{ userId: string; access: VaultAccess }> },
): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const updated = await orm
      .update(vaults)
      .set({ visibility: sharing.visibility, everyoneAccess: sharing.everyoneAccess })
      .where(and(eq(vaults.id, vaultId), eq(vaults.ownerId, ownerId)))
      .returning({ id: vaults.id });
    if (updated.length === 0) return false;
    await orm.delete(vaultMembers).where(eq(vaultMembers.vaultId, vaultId));
    const members = sharing.members.filter((m) => m.userId !== ownerId);
    if (members.length > 0) {
      const known = await orm.select({ id: users.id }).from(users).where(inArray(users.id, members.map((m) => m.userId)));
      const ids = new Set(known.map((u) => u.id));
      const rows = members.filter((m) => ids.has(m.userId)).map((m) => ({ vaultId, userId: m.userId, access: m.access }));
      if (rows.length > 0) await orm.insert(vaultMembers).values(rows);
    }
    // Who can read what changed: cached answers built from this vault must not be served to those who lost it.
    await bumpCorpusVersion(orm);
    return true;
  });
}

/** Sets how the owner's vault is chunked from the next ingestion on; false when the vault is not theirs. */
export async function setVaultChunking(db: Database, ownerId: string, vaultId: string, chunking: { chunkSize: number | null; chunkOverlap: number | null }) {
  const updated = await db.orm
    .update(vaults)
    .set({ chunkSize: chunking.chunkSize, chunkOverlap: chunking.chunkOverlap })
    .where(and(eq(vaults.id, vaultId), eq(vaults.ownerId, ownerId)))
    .returning({ id: vaults.id });
  return updated.length > 0;
}
