'use client';

import { buttonStyles } from '@/app/_components/styles';
import type { VaultItem } from './types';
import { canWrite } from './vault-access';

/**
 * Nothing to show, said for what it is: an empty library or vault points to adding documents (where the person
 * may); a search or filter that finds nothing offers to clear them.
 */
export function LibraryEmpty({
  filtered,
  vault,
  onAdd,
  onClear,
}: {
  /** A search or a status or type filter is on. */
  filtered: boolean;
  /** The vault the list is narrowed to, if any. */
  vault: VaultItem | undefined;
  onAdd: () => void;
  onClear: () => void;
}) {
  const [heading, detail] = filtered
    ? ['No documents match', 'Try other words, or clear the search and filters.']
    : vault
      ? [`“${vault.name}” has no documents yet`, canWrite(vault) ? 'Upload files or paste text to add some: they are ready to chat with in moments.' : 'Its owner has not added any yet.']
      : ['No documents yet', 'Upload files or paste text: they appear here and are ready to chat with in moments.'];
  return (
    <div data-testid="documents-empty" className="rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      <p className="font-medium break-words">{heading}</p>
      <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{detail}</p>
      <div className="mt-4 flex justify-center">
        {filtered ? (
          <button type="button" className={buttonStyles.secondary} onClick={onClear}>
            Clear search and filters
          </button>
        ) : (
          (!vault || canWrite(vault)) && (
            <button type="button" className={buttonStyles.primary} onClick={onAdd}>
              {vault ? `Add documents to ${vault.name}` : 'Add documents'}
            </button>
          )
        )}
      </div>
    </div>
  );
}
