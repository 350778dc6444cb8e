'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { DocumentList } from './document-list';
import { PasteTextForm } from './paste-text-form';
import { UploadList, UploadPanel } from './upload-panel';
import { useInvalidateDocuments } from './use-invalidate-documents';
import { useUploads } from './use-uploads';
import { VaultPicker } from './vault-picker';

/** Adding documents (files or pasted text, into a chosen vault) above the live list of what is stored. */
export function DocumentsWorkspace() {
  const trpc = useTRPC();
  const vaults = useQuery(trpc.vaults.list.queryOptions());
  const [chosenVaultId, setChosenVaultId] = useState<string | null>(null);
  const invalidate = useInvalidateDocuments();
  const uploads = useUploads({ onUploaded: () => void invalidate() });

  const vaultList = vaults.data ?? [];
  // The chosen vault while it exists, otherwise the default one.
  const vaultId =
    vaultList.find((vault) => vault.id === chosenVaultId)?.id ??
    vaultList.find((vault) => vault.isDefault)?.id ??
    vaultList[0]?.id;

  return (
    <div className="space-y-10">
      <section aria-labelledby="add-heading" className="space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <h2 id="add-heading" className="text-lg font-semibold">
            Add documents
          </h2>
          <VaultPicker vaults={vaults} value={vaultId} onChange={setChosenVaultId} />
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <UploadPanel vaultId={vaultId} uploads={uploads} />
          <PasteTextForm vaultId={vaultId} />
        </div>
        <UploadList uploads={uploads} />
      </section>
      <DocumentList vaults={vaultList} />
    </div>
  );
}
