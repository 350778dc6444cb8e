'use client';

import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles, inputStyles } from '@/app/_components/styles';
import { ChunkingDialog } from './chunking-dialog';
import { ShareVaultDialog } from './share-vault-dialog';
import type { VaultItem } from './types';
import { useInvalidateDocuments } from './use-invalidate-documents';
import { describeVaultAccess, documentCount, vaultLabel } from './vault-access';

/**
 * The vault being worked in: a select of every vault the person can read (with its owner and their access), what
 * they may do in it, Share for their own, and an inline form to create a new one.
 */
export function VaultPicker({
  vaults,
  value,
  onChange,
}: {
  vaults: UseQueryResult<VaultItem[], { message: string }>;
  value: string | undefined;
  onChange: (vaultId: string) => void;
}) {
  const selectId = useId();
  const noteId = useId();
  const [creating, setCreating] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [chunking, setChunking] = useState(false);
  const newVaultButton = useRef<HTMLButtonElement>(null);
  const chosen = vaults.data?.find((vault) => vault.id === value);

  return (
    <div className="flex flex-col gap-2 sm:items-end">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="text-sm text-zinc-600 dark:text-zinc-400">
          Vault
        </label>
        <select
          id={selectId}
          value={value ?? ''}
          disabled={!vaults.data}
          aria-describedby={chosen ? noteId : undefined}
          onChange={(event) => onChange(event.target.value)}
          className={`${inputStyles} min-w-40`}
        >
          {vaults.isPending && <option value="">Loading vaults…</option>}
          {vaults.isError && !vaults.data && <option value="">Default vault</option>}
          {vaults.data?.map((vault) => (
            <option key={vault.id} value={vault.id}>
              {vaultLabel(vault)}
              {vault.isDefault && !/default/i.test(vault.name) ? ' (default)' : ''}
              {` (${documentCount(vault.documentCount)})`}
            </option>
          ))}
        </select>
        {!creating && (
          <button ref={newVaultButton} type="button" className={buttonStyles.secondary} onClick={() => setCreating(true)}>
            New vault
          </button>
        )}
      </div>
      {chosen && (
        <div className="flex flex-wrap items-center gap-2 sm:justify-end">
          <p id={noteId} data-testid="vault-access" className="text-xs text-zinc-500 dark:text-zinc-400">
            {describeVaultAccess(chosen)}
          </p>
          {chosen.access === 'own' && (
            <>
              <button type="button" className={`${buttonStyles.quiet} py-0.5 text-xs`} aria-haspopup="dialog" onClick={() => setSharing(true)}>
                Share<span className="sr-only"> {chosen.name}</span>
              </button>
              <ShareVaultDialog vault={chosen} open={sharing} onClose={() => setSharing(false)} />
              <button type="button" className={`${buttonStyles.quiet} py-0.5 text-xs`} aria-haspopup="dialog" onClick={() => setChunking(true)}>
                Chunking<span className="sr-only"> of {chosen.name}</span>
              </button>
              {chunking && <ChunkingDialog vault={chosen} open onClose={() => setChunking(false)} />}
            </>
          )}
        </div>
      )}
      {vaults.isError && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          Couldn&rsquo;t load the vaults: {vaults.error.message}.{' '}
          <button type="button" className="underline underline-offset-2" onClick={() => void vaults.refetch()}>
            Try again
          </button>
        </p>
      )}
      {creating && (
        <NewVaultForm
          onCreated={(vault) => {
            onChange(vault.id);
            setCreating(false);
          }}
          onCancel={() => {
            setCreating(false);
            // The button comes back on the next render; give it the focus the form had.
            requestAnimationFrame(() => newVaultButton.current?.focus());
          }}
        />
      )}
    </div>
  );
}

function NewVaultForm({ onCreated, onCancel }: { onCreated: (vault: { id: string }) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateDocuments();
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.vaults.create.mutationOptions({
      onSuccess: async (vault) => {
        await invalidate();
        onCreated(vault);
      },
    }),
  );

  useEffect(() => inputRef.current?.focus(), []);

  return (
    <form
      aria-label="New vault"
      className="flex flex-col gap-1 sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) create.mutate({ name: name.trim() });
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={inputId} className="sr-only">
          New vault name
        </label>
        <input
          ref={inputRef}
          id={inputId}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={100}
          placeholder="New vault name"
          aria-invalid={create.isError || undefined}
          aria-describedby={create.isError ? errorId : undefined}
          className={`${inputStyles} w-48`}
        />
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create'}
        </button>
        <button type="button" className={buttonStyles.quiet} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {create.isError && (
        <p id={errorId} role="alert" className="text-xs text-red-700 dark:text-red-400">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
