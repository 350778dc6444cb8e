'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { DocumentList } from './document-list';
import { PasteTextForm } from './paste-text-form';
import { ReembedProgress } from './reembed-progress';
import { UploadPanel } from './upload-panel';
import { UploadList } from '@/app/_components/uploads/upload-list';
import { useInvalidateDocuments } from './use-invalidate-documents';
import { useUploads } from '@/app/_components/uploads/use-uploads';
import { canWrite } from './vault-access';
import { VaultPicker } from './vault-picker';
import { WebPageForm } from './web-page-form';

/**
 * Adding documents (files, pasted text or web pages, into a chosen vault) above the live list of what is stored. In a vault
 * the person may only read, there is nothing to add with: the server would refuse it anyway.
 */
export function DocumentsWorkspace() {
  const trpc = useTRPC();
  const vaults = useQuery(trpc.vaults.list.queryOptions());
  const [chosenVaultId, setChosenVaultId] = useState<string | null>(null);
  const invalidate = useInvalidateDocuments();
  const uploads = useUploads({ onUploaded: () => void invalidate() });

  const vaultList = vaults.data ?? [];
  // The chosen vault while it exists, otherwise the default one.
  const vault =
    vaultList.find((candidate) => candidate.id === chosenVaultId) ??
    vaultList.find((candidate) => candidate.isDefault) ??
    vaultList[0];
  const vaultId = vault?.id;

  /** From an empty library or vault: to the upload area, with that vault chosen to add into. */
  const goToAdding = (target: string | null) => {
    if (target) setChosenVaultId(target);
    const heading = document.getElementById('add-heading');
    heading?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    heading?.focus({ preventScroll: true });
  };

  return (
    <div className="space-y-10">
      <ReembedProgress />
      <section aria-labelledby="add-heading" className="space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <h2 id="add-heading" tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            Add documents
          </h2>
          <VaultPicker vaults={vaults} value={vaultId} onChange={setChosenVaultId} />
        </div>
        {!vault || canWrite(vault) ? (
          <div className="grid gap-4 md:grid-cols-2">
            <UploadPanel vaultId={vaultId} uploads={uploads} />
            <PasteTextForm vaultId={vaultId} />
            <WebPageForm vaultId={vaultId} />
          </div>
        ) : (
          <p data-testid="read-only-vault" className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            You can read “{vault.name}” and ask about it in the chat, but not add to it. Ask {vault.ownerName ?? 'its owner'} for write access, or choose another vault.
          </p>
        )}
        <UploadList uploads={uploads} />
      </section>
      <DocumentList vaults={vaultList} onAdd={goToAdding} />
    </div>
  );
}
