'use client';

import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { Dialog } from '@/app/_components/dialog';
import { buttonStyles } from '@/app/_components/styles';
import { SharingForm } from './sharing-form';
import type { VaultItem } from './types';

/** The owner decides who else may read the vault, or also add to it. */
export function ShareVaultDialog({ vault, open, onClose }: { vault: VaultItem; open: boolean; onClose: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId} testId="share-dialog">
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          Share “{vault.name}”
        </h2>
        <SharingLoader vaultId={vault.id} onDone={onClose} />
      </div>
    </Dialog>
  );
}

/** The form starts from the vault's current sharing, so it waits for it and for the list of people. */
function SharingLoader({ vaultId, onDone }: { vaultId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const sharing = useQuery({ ...trpc.vaults.sharing.queryOptions({ id: vaultId }), staleTime: 0 });
  const people = useQuery(trpc.vaults.people.queryOptions());
  const failed = sharing.error ?? people.error;

  if (failed) {
    return (
      <div role="alert" className="space-y-3 text-sm text-red-800 dark:text-red-200">
        <p>Couldn’t load who this vault is shared with: {failed.message}</p>
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>
          Close
        </button>
      </div>
    );
  }
  if (!sharing.data || !people.data) {
    return (
      <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
        Loading…
      </p>
    );
  }
  return <SharingForm vaultId={vaultId} initial={sharing.data} people={people.data} onDone={onDone} />;
}
