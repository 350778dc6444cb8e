'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { inputStyles } from '@/app/_components/styles';
import { useTRPC } from '@/app/_trpc/react';

// The intervals offered; null is the server's URL_REFRESH_HOURS, 0 only on request ("Fetch again").
const CHOICES: Array<number | null> = [null, 1, 24, 24 * 7, 0];
const DEFAULT = 'default';

/** "every day", "every 12 hours", "never". */
function describeInterval(hours: number): string {
  if (hours === 0) return 'never';
  if (hours === 1) return 'every hour';
  if (hours === 24 * 7) return 'every week';
  if (hours === 24) return 'every day';
  if (hours % 24 === 0) return `every ${hours / 24} days`;
  return `every ${hours} hours`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function choiceLabel(hours: number | null, defaultHours: number): string {
  return hours === null ? `Server default (${describeInterval(defaultHours)})` : capitalised(describeInterval(hours));
}

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
        Fetched again automatically: {hours === null ? `${describeInterval(defaultHours)} (server default)` : describeInterval(hours)}
      </p>
    );
  }

  // While saving, the choice just made; if saving fails, the stored one again.
  const shown = save.isPending ? save.variables.hours : hours;
  const choices = CHOICES.includes(hours) ? CHOICES : [...CHOICES, hours];
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
