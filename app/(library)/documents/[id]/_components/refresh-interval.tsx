'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { inputStyles } from '@/app/_components/styles';
import { useTRPC } from '@/app/_trpc/react';
import { choiceLabel, intervalText, refreshChoices } from './refresh-interval-text';

const DEFAULT = 'default';

/**
 * How often the page is fetched again by itself: a writer of the vault picks it (saved at once), a reader sees it.
 * An interval set elsewhere (the REST API takes any number of hours) is offered too, so the choice shows it.
 */
export function RefreshInterval({
  documentId,
  hours,
  defaultHours,
  canEdit,
}: {
  documentId: string;
  hours: number | null;
  defaultHours: number;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const selectId = useId();
  const save = useMutation(
    trpc.webPages.setRefreshHours.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.webPages.page.queryFilter({ id: documentId })),
    }),
  );

  if (!canEdit) {
    return (
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="web-source-refresh">
        Fetched again automatically: {intervalText(hours, defaultHours)}
      </p>
    );
  }

  // While saving, the choice just made; if saving fails, the stored one again.
  const shown = save.isPending ? save.variables.hours : hours;
  const choices = refreshChoices(hours);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="web-source-refresh">
      <label htmlFor={selectId} className="text-zinc-600 dark:text-zinc-400">
        Fetch again automatically
      </label>
      <select
        id={selectId}
        className={inputStyles}
        value={shown === null ? DEFAULT : String(shown)}
        disabled={save.isPending}
        onChange={(event) => save.mutate({ id: documentId, hours: event.target.value === DEFAULT ? null : Number(event.target.value) })}
      >
        {choices.map((choice) => (
          <option key={choice ?? DEFAULT} value={choice === null ? DEFAULT : String(choice)}>
            {choiceLabel(choice, defaultHours)}
          </option>
        ))}
      </select>
      {save.isPending && <span className="text-xs text-zinc-500 dark:text-zinc-400">Saving…</span>}
      {save.error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          Couldn&rsquo;t change how often the page is fetched: {save.error.message}
        </span>
      )}
    </div>
  );
}
