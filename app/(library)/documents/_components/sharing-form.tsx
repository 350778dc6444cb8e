'use client';

import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/app/_trpc/react';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles, inputStyles } from '@/app/_components/styles';
import { useInvalidateDocuments } from './use-invalidate-documents';

type Outputs = inferRouterOutputs<AppRouter>['vaults'];
type Visibility = Outputs['sharing']['visibility'];
type Access = Outputs['sharing']['everyoneAccess'];

const VISIBILITY: Array<{ value: Visibility; label: string; explanation: string }> = [
  { value: 'private', label: 'Private', explanation: 'Only you.' },
  { value: 'shared', label: 'Shared with people', explanation: 'The people you pick, each able to read it or also add to it.' },
  { value: 'everyone', label: 'Everyone in this Docent', explanation: 'Everyone with an account, now and later.' },
];

function AccessSelect({ label, value, onChange, disabled }: { label: string; value: Access; onChange: (access: Access) => void; disabled?: boolean }) {
  return (
    <select
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === 'write' ? 'write' : 'read')}
      className={`${inputStyles} py-1`}
    >
      <option value="read">Can read</option>
      <option value="write">Can read and add</option>
    </select>
  );
}

/** Private, some people (read or write each), or everyone (read or write); saved as a whole. */
export function SharingForm({
  vaultId,
  initial,
  people,
  onDone,
}: {
  vaultId: string;
  initial: Outputs['sharing'];
  people: Outputs['people'];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateDocuments();
  const [visibility, setVisibility] = useState(initial.visibility);
  const [everyoneAccess, setEveryoneAccess] = useState(initial.everyoneAccess);
  const [members, setMembers] = useState(() => new Map(initial.members.map((m) => [m.userId, m.access])));
  const share = useMutation(
    trpc.vaults.share.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );

  const setMember = (userId: string, access: Access | null) =>
    setMembers((current) => {
      const next = new Map(current);
      if (access) next.set(userId, access);
      else next.delete(userId);
      return next;
    });

  return (
    <form
      aria-label="Sharing"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        // Only "shared" uses the list; the other choices clear it, so nobody keeps access they can't see.
        const chosen = visibility === 'shared' ? [...members].map(([userId, access]) => ({ userId, access })) : [];
        share.mutate({ id: vaultId, visibility, everyoneAccess, members: chosen });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">
          Who can use this vault
        </legend>
        {VISIBILITY.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="visibility"
              value={option.value}
              checked={visibility === option.value}
              onChange={() => setVisibility(option.value)}
              className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
            />
            <span>
              <span className="font-medium">{option.label}</span>
              <span className="text-zinc-500 dark:text-zinc-400"> · {option.explanation}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {visibility === 'shared' &&
        (people.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Nobody else has an account yet: an administrator adds people.</p>
        ) : (
          <ul aria-label="People" className="max-h-64 divide-y divide-zinc-200 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {people.map((person) => {
              const access = members.get(person.id);
              return (
                <li key={person.id} data-testid="share-person" className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                  <label className="flex min-w-40 flex-1 items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={Boolean(access)}
                      onChange={(event) => setMember(person.id, event.target.checked ? 'read' : null)}
                      className="size-4 shrink-0 accent-zinc-900 dark:accent-zinc-100"
                    />
                    <span className="min-w-0">
                      <span className="block font-medium break-words">{person.name}</span>
                      <span className="block text-xs break-all text-zinc-500 dark:text-zinc-400">{person.email}</span>
                    </span>
                  </label>
                  <AccessSelect label={`Access for ${person.name}`} value={access ?? 'read'} disabled={!access} onChange={(next) => setMember(person.id, next)} />
                </li>
              );
            })}
          </ul>
        ))}

      {visibility === 'everyone' && (
        <div className="flex items-center gap-2 text-sm">
          <span>Everyone</span>
          <AccessSelect label="Access for everyone" value={everyoneAccess} onChange={setEveryoneAccess} />
        </div>
      )}

      {share.isError && <FormAlert>{share.error.message}</FormAlert>}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.quiet} onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className={buttonStyles.primary} disabled={share.isPending}>
          {share.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
