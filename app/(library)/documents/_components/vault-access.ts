import type { VaultItem } from './types';

/** Whether the signed-in person may add documents to the vault and delete them from it. */
export function canWrite(vault: Pick<VaultItem, 'access'> | undefined): boolean {
  return vault?.access === 'own' || vault?.access === 'write';
}

/** A vault in a list: other people's carry their owner's name (two people may both have a "Notes"). */
export function vaultLabel(vault: VaultItem): string {
  const owner = vault.access === 'own' ? '' : ` · ${vault.ownerName ?? 'no owner'}`;
  const readOnly = vault.access === 'read' ? ' · read only' : '';
  return `${vault.name}${owner}${readOnly}`;
}

/** Who owns the vault, who else may use it and what the person may do: one line under the picker. */
export function describeVaultAccess(vault: VaultItem): string {
  if (vault.access !== 'own') {
    const what = vault.access === 'write' ? 'you can read it and add to it' : 'you can read it';
    return `${vault.ownerName ?? 'Nobody'}’s vault: ${what}.`;
  }
  if (vault.visibility === 'private') return 'Your vault: only you can use it.';
  if (vault.visibility === 'shared') return 'Your vault, shared with the people you chose.';
  return vault.everyoneAccess === 'write'
    ? 'Your vault: everyone in this Docent can read it and add to it.'
    : 'Your vault: everyone in this Docent can read it.';
}

/** "1 document", "1,234 documents": the counts next to vault names. */
export function documentCount(count: number): string {
  return count === 1 ? '1 document' : `${count.toLocaleString()} documents`;
}
