import { searchableDocuments } from '@/db/queries/vault-contents';
import { getVault } from '@/db/queries/vaults';
import type { Services } from '@/server/services';

/**
 * The answer when there is nothing to search: an empty vault (or library) says so and points to uploading,
 * instead of a model saying it "couldn't find anything". Null when there are documents to search.
 */
export async function nothingToSearch(deps: Pick<Services, 'db'>, userId: string, vaultId: string | null): Promise<string | null> {
  const { total, ready } = await searchableDocuments(deps.db, userId, vaultId);
  if (ready > 0) return null;
  const vault = vaultId ? await getVault(deps.db, userId, vaultId) : null;
  const where = vault ? `The vault “${vault.name}”` : 'Your library';
  if (total > 0) {
    return `${where} has documents, but none is ready to search yet: they are still being read, or could not be read. See [Documents](/documents) for where each one stands, then ask again.`;
  }
  return `${where} is empty, so there is nothing to answer from yet. [Upload documents](/documents), or drop files onto this chat, then ask again.`;
}
