'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useRef, useState } from 'react';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/app/_trpc/react';
import { cellStyles } from '@/app/_components/data-table';
import { badgeBase, badgeStyles, buttonStyles, inputStyles } from '@/app/_components/styles';

type Person = inferRouterOutputs<AppRouter>['users']['list'][number];

/** One person: their role and whether they may sign in, both changeable by another administrator. */
export function PersonRow({ person, isYou }: { person: Person; isYou: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: refresh }));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: refresh }));
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingDisable) cancelButton.current?.focus();
  }, [confirmingDisable]);

  const role = person.role === 'admin' ? 'admin' : 'member';
  const error = setRole.error ?? setDisabled.error;

  return (
    <tr data-testid="person-row" data-email={person.email} data-status={person.banned ? 'disabled' : 'active'}>
      <td className={`${cellStyles} font-medium break-words`}>
        {person.name}
        {isYou && <span className="ml-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">(you)</span>}
      </td>
      <td className={`${cellStyles} break-all`}>{person.email}</td>
      <td className={cellStyles}>
        {isYou ? (
          'Administrator'
        ) : (
          <select
            aria-label={`Role of ${person.name}`}
            value={role}
            disabled={setRole.isPending}
            onChange={(event) => setRole.mutate({ userId: person.id, role: event.target.value === 'admin' ? 'admin' : 'member' })}
            className={`${inputStyles} py-1`}
          >
            <option value="member">Member</option>
            <option value="admin">Administrator</option>
          </select>
        )}
      </td>
      <td className={cellStyles}>
        <span data-testid="person-status" className={`${badgeBase} ${person.banned ? badgeStyles.danger : badgeStyles.neutral}`}>
          {person.banned ? 'Disabled' : 'Active'}
        </span>
      </td>
      <td className={`${cellStyles} text-right whitespace-nowrap`}>
        {isYou ? null : confirmingDisable ? (
          <div
            role="group"
            aria-label={`Confirm disabling ${person.name}`}
            className="inline-flex items-center gap-2"
            onKeyDown={(event) => {
              if (event.key === 'Escape') setConfirmingDisable(false);
            }}
          >
            <span className="text-sm">Signed out everywhere, keys included.</span>
            <button
              type="button"
              className={buttonStyles.danger}
              disabled={setDisabled.isPending}
              onClick={() => setDisabled.mutate({ userId: person.id, disabled: true }, { onSuccess: () => setConfirmingDisable(false) })}
            >
              Disable<span className="sr-only"> {person.name}</span>
            </button>
            <button ref={cancelButton} type="button" className={buttonStyles.secondary} onClick={() => setConfirmingDisable(false)}>
              Cancel
            </button>
          </div>
        ) : person.banned ? (
          <button
            type="button"
            className={buttonStyles.quiet}
            disabled={setDisabled.isPending}
            onClick={() => setDisabled.mutate({ userId: person.id, disabled: false })}
          >
            Enable<span className="sr-only"> {person.name}</span>
          </button>
        ) : (
          <button type="button" className={buttonStyles.quietDanger} onClick={() => setConfirmingDisable(true)}>
            Disable<span className="sr-only"> {person.name}</span>
          </button>
        )}
        {error && (
          <p role="alert" className="mt-1 text-xs whitespace-normal text-red-700 dark:text-red-400">
            {error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
