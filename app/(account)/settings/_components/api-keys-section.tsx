'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { EmptyNote } from '@/app/_components/data-table';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles } from '@/app/_components/styles';
import { ApiKeyForm } from './api-key-form';
import { ApiKeyList } from './api-key-list';
import { ApiUsage } from './api-usage';
import { NewKeyNotice } from './new-key-notice';

/** Keys that let scripts use the API as this person: the list, a form for a new one, and how to use it. */
export function ApiKeysSection() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.account.apiKeys.queryOptions());
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  return (
    <section aria-labelledby="api-keys-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="api-keys-heading" className="text-lg font-semibold">
          API keys
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          For scripts and other programs: a key acts as you, within the scopes you give it, until you revoke it.
        </p>
      </div>

      {created && <NewKeyNotice name={created.name} secret={created.key} onDone={() => setCreated(null)} />}

      {keys.isPending ? (
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Loading your keys…
        </p>
      ) : keys.isError ? (
        <FormAlert>
          Couldn’t load your keys: {keys.error.message}{' '}
          <button type="button" className={buttonStyles.quiet} onClick={() => void keys.refetch()}>
            Retry
          </button>
        </FormAlert>
      ) : keys.data.length === 0 ? (
        <EmptyNote>No API keys yet.</EmptyNote>
      ) : (
        <ApiKeyList keys={keys.data} />
      )}

      <ApiKeyForm onCreated={setCreated} />
      <ApiUsage />
    </section>
  );
}
