'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiScope } from '@/server/auth/caller';
import { useTRPC } from '@/app/_trpc/react';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles, cardStyles } from '@/app/_components/styles';
import { TextField } from '@/app/_components/text-field';
import { SCOPES } from './scopes';

/** A name to recognise the key by and what it may do; the new key goes to `onCreated`, the only place it appears. */
export function ApiKeyForm({ onCreated }: { onCreated: (key: { name: string; key: string }) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['read', 'chat']);
  const create = useMutation(
    trpc.account.createApiKey.mutationOptions({
      onSuccess: async (created) => {
        setName('');
        onCreated(created);
        await queryClient.invalidateQueries({ queryKey: trpc.account.apiKeys.queryKey() });
      },
    }),
  );

  const toggle = (scope: ApiScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  return (
    <form
      aria-labelledby="new-key-form-heading"
      className={`${cardStyles} space-y-4`}
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim() && scopes.length > 0) create.mutate({ name: name.trim(), scopes });
      }}
    >
      <h3 id="new-key-form-heading" className="text-sm font-semibold">
        New API key
      </h3>
      <TextField
        label="Name"
        required
        maxLength={100}
        placeholder="e.g. Nightly import script"
        hint="To recognise the key later; only you see it."
        value={name}
        onChange={(event) => setName(event.target.value)}
        className="max-w-sm"
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">What it may do</legend>
        {SCOPES.map((scope) => (
          <label key={scope.id} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              checked={scopes.includes(scope.id)}
              onChange={(event) => toggle(scope.id, event.target.checked)}
              className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
            />
            <span>
              <span className="font-medium">{scope.label}</span>
              <span className="text-zinc-500 dark:text-zinc-400"> · {scope.explanation}</span>
            </span>
          </label>
        ))}
        {scopes.length === 0 && <p className="text-xs text-red-700 dark:text-red-400">Choose at least one.</p>}
      </fieldset>
      {create.isError && <FormAlert>{create.error.message}</FormAlert>}
      <button type="submit" className={buttonStyles.primary} disabled={create.isPending || !name.trim() || scopes.length === 0}>
        {create.isPending ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}
