import {
  deleteVaultById,
  getVault,
  insertVault,
  listVaultMembers,
  listVaults,
  setVaultSharing,
  type Vault,
  type VaultAccess,
  type VaultMember,
  type VaultVisibility,
} from '@/db/queries/vaults';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

const notFound = (id: string) => new AppError('NOT_FOUND', `Vault ${id} does not exist.`);

export function listReadableVaults(deps: Deps, caller: UserCaller): Promise<Vault[]> {
  return listVaults(deps.db, caller.userId);
}

/** A vault the caller may read; 404 otherwise, exactly as for one that does not exist. */
export async function requireVault(deps: Deps, caller: UserCaller, id: string): Promise<Vault> {
  const vault = await getVault(deps.db, caller.userId, id);
  if (!vault) throw notFound(id);
  return vault;
}

/** A new private vault of the caller's. */
export async function createVault(deps: Deps, caller: UserCaller, input: { name: string; description?: string | null }): Promise<Vault> {
  const vault = await insertVault(deps.db, caller.userId, input);
  if (!vault) {
    throw new AppError('VALIDATION_ERROR', `You already have a vault named "${input.name}".`, [{ field: 'name', message: 'already taken' }]);
  }
  return vault;
}

/** Deletes one of the caller's vaults with all its documents; the install's default vault always stays. */
export async function removeVault(deps: Deps, caller: UserCaller, id: string): Promise<{ deleted: true }> {
  if (id === DEFAULT_VAULT_ID) {
    throw new AppError('VALIDATION_ERROR', 'The default vault cannot be deleted.', [{ field: 'id', message: 'default vault' }]);
  }
  if (await deleteVaultById(deps.db, caller.userId, id)) return { deleted: true };
  // Readable but not theirs: say why instead of pretending it does not exist.
  if (await getVault(deps.db, caller.userId, id)) throw new AppError('FORBIDDEN', 'Only the owner of a vault can delete it.');
  throw notFound(id);
}

export interface VaultSharing {
  visibility: VaultVisibility;
  everyoneAccess: VaultAccess;
  members: Array<{ userId: string; access: VaultAccess }>;
}

export async function getVaultSharing(deps: Deps, caller: UserCaller, id: string): Promise<VaultSharing & { members: VaultMember[] }> {
  const vault = await requireOwnVault(deps, caller, id);
  return { visibility: vault.visibility, everyoneAccess: vault.everyoneAccess, members: await listVaultMembers(deps.db, caller.userId, id) };
}

export async function shareVault(deps: Deps, caller: UserCaller, id: string, sharing: VaultSharing): Promise<Vault> {
  await requireOwnVault(deps, caller, id);
  await setVaultSharing(deps.db, caller.userId, id, sharing);
  return requireVault(deps, caller, id);
}

async function requireOwnVault(deps: Deps, caller: UserCaller, id: string): Promise<Vault> {
  const vault = await requireVault(deps, caller, id);
  if (vault.access !== 'own') throw new AppError('FORBIDDEN', 'Only the owner of a vault can change who it is shared with.');
  return vault;
}
