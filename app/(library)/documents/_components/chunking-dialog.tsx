'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { Dialog } from '@/app/_components/dialog';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles } from '@/app/_components/styles';
import { TextField } from '@/app/_components/text-field';
import type { VaultItem } from './types';
import { useInvalidateDocuments } from './use-invalidate-documents';

const asNumber = (text: string) => (text.trim() === '' ? null : Number(text));

/**
 * The owner sets how the vault's documents are cut into passages: size and overlap in tokens, or blank for the
 * server's defaults. Applied when a document is next ingested or re-ingested.
 */
export function ChunkingDialog({ vault, open, onClose }: { vault: VaultItem; open: boolean; onClose: () => void }) {
  const titleId = useId();
  const trpc = useTRPC();
  const invalidate = useInvalidateDocuments();
  const defaults = useQuery(trpc.chat.capabilities.queryOptions()).data?.defaults;
  const [size, setSize] = useState(vault.chunkSize?.toString() ?? '');
  const [overlap, setOverlap] = useState(vault.chunkOverlap?.toString() ?? '');
  const save = useMutation(
    trpc.vaults.setChunking.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onClose();
      },
    }),
  );
  const half = (size.trim() === '') !== (overlap.trim() === '');

  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId} testId="chunking-dialog">
      <form
        className="space-y-4 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!half) save.mutate({ id: vault.id, chunkSize: asNumber(size), chunkOverlap: asNumber(overlap) });
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Chunking of “{vault.name}”
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Documents are cut into passages of this many tokens, each repeating the end of the one before. Leave both blank for the
          server&rsquo;s defaults{defaults ? ` (${defaults.chunkSize} and ${defaults.chunkOverlap})` : ''}. Applies when a document is
          next ingested or re-ingested.
        </p>
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Chunk size (tokens)" type="number" inputMode="numeric" min={32} max={8192} value={size} placeholder={defaults?.chunkSize.toString()} onChange={(e) => setSize(e.target.value)} />
          <TextField label="Overlap (tokens)" type="number" inputMode="numeric" min={0} max={4096} value={overlap} placeholder={defaults?.chunkOverlap.toString()} onChange={(e) => setOverlap(e.target.value)} />
        </div>
        {half && <FormAlert>Give both numbers, or leave both blank for the defaults.</FormAlert>}
        {save.error && <FormAlert>{save.error.message}</FormAlert>}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={buttonStyles.primary} disabled={half || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save chunking'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
