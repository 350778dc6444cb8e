import { deleteVaultById, getVault, insertVault, listVaults, type Vault } from '@/db/queries/vaults';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

export { listVaults };

export async function requireVault(deps: Deps, id: string): Promise<Vault> {
  const vault = await getVault(deps.db, id);
  if (!vault) throw new AppError('NOT_FOUND', `Vault ${id} does not exist.`);
  return vault;
}

export async function createVault(deps: Deps, input: { name: string; description?: string | null }): Promise<Vault> {
  const vault = await insertVault(deps.db, input);
  if (!vault) {
    throw new AppError('VALIDATION_ERROR', `A vault named "${input.name}" already exists.`, [
      { field: 'name', message: 'already taken' },
    ]);
  }
  return vault;
}

/** Deletes a vault with all its documents; the default vault always stays. */
export async function removeVault(deps: Deps, id: string): Promise<{ deleted: true }> {
  if (id === DEFAULT_VAULT_ID) {
    throw new AppError('VALIDATION_ERROR', 'The default vault cannot be deleted.', [{ field: 'id', message: 'default vault' }]);
  }
  if (!(await deleteVaultById(deps.db, id))) throw new AppError('NOT_FOUND', `Vault ${id} does not exist.`);
  return { deleted: true };
}
