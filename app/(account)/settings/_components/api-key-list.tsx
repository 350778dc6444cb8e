'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { cellStyles, DataTable } from '@/app/_components/data-table';
import { formatDateTime } from '@/app/_components/format';
import { buttonStyles } from '@/app/_components/styles';
import { SCOPES, type ApiKeyItem } from './scopes';

const COLUMNS = [{ label: 'Name' }, { label: 'Key' }, { label: 'Scopes' }, { label: 'Created' }, { label: 'Last used' }, { label: 'Actions', srOnly: true }];

export function ApiKeyList({ keys }: { keys: ApiKeyItem[] }) {
  return (
    <DataTable caption="Your API keys, newest first" testId="api-keys" columns={COLUMNS}>
      {keys.map((key) => (
        <ApiKeyRow key={key.id} apiKey={key} />
      ))}
    </DataTable>
  );
}

function ApiKeyRow({ apiKey }: { apiKey: ApiKeyItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const revoke = useMutation(
    trpc.account.revokeApiKey.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.account.apiKeys.queryKey() }),
    }),
  );
  // The safe choice has the focus while the question is asked.
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);

  const scopeLabels = apiKey.scopes.map((id) => SCOPES.find((scope) => scope.id === id)?.label ?? id);

  return (
    <tr data-testid="api-key-row" data-name={apiKey.name}>
      <td className={`${cellStyles} font-medium break-words`}>{apiKey.name}</td>
      <td className={`${cellStyles} font-mono text-xs whitespace-nowrap`}>{apiKey.start}…</td>
      <td className={cellStyles}>{scopeLabels.join(', ')}</td>
      <td className={`${cellStyles} whitespace-nowrap`}>{formatDateTime(apiKey.createdAt)}</td>
      <td className={`${cellStyles} whitespace-nowrap`}>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</td>
      <td className={`${cellStyles} text-right whitespace-nowrap`}>
        {confirming ? (
          <div
            role="group"
            aria-label={`Confirm revoking ${apiKey.name}`}
            className="inline-flex items-center gap-2"
            onKeyDown={(event) => {
              if (event.key === 'Escape') setConfirming(false);
            }}
          >
            <span>Scripts using it stop working.</span>
            <button type="button" className={buttonStyles.danger} disabled={revoke.isPending} onClick={() => revoke.mutate({ id: apiKey.id })}>
              {revoke.isPending ? 'Revoking…' : 'Revoke'}
              <span className="sr-only"> {apiKey.name}</span>
            </button>
            <button ref={cancelButton} type="button" className={buttonStyles.secondary} disabled={revoke.isPending} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" className={buttonStyles.quietDanger} onClick={() => setConfirming(true)}>
            Revoke<span className="sr-only"> {apiKey.name}</span>
          </button>
        )}
        {revoke.isError && (
          <p role="alert" className="mt-1 text-xs whitespace-normal text-red-700 dark:text-red-400">
            {revoke.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
