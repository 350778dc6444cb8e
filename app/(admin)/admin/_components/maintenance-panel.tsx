'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { MaintenanceRun, MaintenanceTaskInfo } from '@/server/admin/types';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles } from '@/app/_components/styles';
import { formatDateTime, formatRelative } from './format';
import { useNow } from './use-now';

const STATUS: Record<MaintenanceRun['status'], { label: string; className: string; dot: string }> = {
  running: {
    label: 'Running',
    className: 'bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-900',
    dot: 'bg-sky-500 motion-safe:animate-pulse',
  },
  succeeded: {
    label: 'Succeeded',
    className:
      'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900',
    dot: 'bg-emerald-500',
  },
  failed: {
    label: 'Failed',
    className: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900',
    dot: 'bg-red-500',
  },
  skipped: {
    label: 'Skipped',
    className: 'bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
    dot: 'bg-zinc-400',
  },
};

function RunStatusBadge({ status, testId }: { status: MaintenanceRun['status']; testId?: string }) {
  const style = STATUS[status] ?? STATUS.skipped;
  return (
    <span
      data-testid={testId}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}

function duration(run: MaintenanceRun): string | null {
  if (!run.finishedAt) return null;
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Database housekeeping an operator can start by hand; each task says when it last ran and how that went. */
export function MaintenancePanel({ tasks }: { tasks: MaintenanceTaskInfo[] }) {
  const now = useNow(15_000);
  return (
    <section aria-labelledby="maintenance-heading" className="space-y-3">
      <div>
        <h2 id="maintenance-heading" className="text-lg font-semibold">
          Maintenance
        </h2>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Tasks also run on their own schedule; &ldquo;Run now&rdquo; starts one straight away.
        </p>
      </div>
      {tasks.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No maintenance tasks are defined.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {tasks.map((task) => (
            <MaintenanceRow key={task.task} info={task} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MaintenanceRow({ info, now }: { info: MaintenanceTaskInfo; now: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const labelId = useId();
  const run = useMutation(
    trpc.admin.runMaintenance.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.overview.queryKey() }),
    }),
  );
  const last = info.lastRun;
  const outcome = run.data;

  return (
    <li
      data-testid="maintenance-row"
      data-task={info.task}
      aria-labelledby={labelId}
      aria-busy={run.isPending || undefined}
      className="grid gap-3 p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start"
    >
      <div className="min-w-0">
        <p id={labelId} className="font-medium">
          {info.label}
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{info.description}</p>
      </div>

      <div className="min-w-0 text-sm" data-testid="maintenance-last-run">
        <p className="text-xs text-zinc-500 md:sr-only dark:text-zinc-400">Last run</p>
        {last ? (
          <div className="space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <RunStatusBadge status={last.status} testId="maintenance-last-status" />
              <time
                dateTime={last.startedAt.toISOString()}
                title={`${formatDateTime(last.startedAt)} on ${last.instance}`}
                className="text-zinc-600 dark:text-zinc-400"
              >
                {formatRelative(last.startedAt, now)}
              </time>
              {duration(last) && <span className="text-xs text-zinc-500 dark:text-zinc-400">· {duration(last)}</span>}
            </div>
            {last.detail && <p className="text-xs break-words text-zinc-600 dark:text-zinc-400">{last.detail}</p>}
          </div>
        ) : (
          <p className="text-zinc-500 dark:text-zinc-400">Never run</p>
        )}
      </div>

      <div className="flex flex-col gap-2 md:items-end">
        <button
          type="button"
          className={`${buttonStyles.secondary} md:whitespace-nowrap`}
          disabled={run.isPending}
          onClick={() => run.mutate({ task: info.task })}
        >
          {run.isPending ? 'Running…' : 'Run now'}
          <span className="sr-only"> {info.label}</span>
        </button>
        <div role="status" aria-live="polite" className="md:max-w-64 md:text-right">
          {outcome && !run.isPending && (
            <div data-testid="maintenance-outcome" data-status={outcome.status} className="space-y-1 text-xs">
              <div className="flex flex-wrap items-center gap-2 md:justify-end">
                <span className="text-zinc-500 dark:text-zinc-400">
                  <span className="sr-only">{info.label}, </span>This run
                </span>
                <RunStatusBadge status={outcome.status} />
                {duration(outcome) && <span className="text-zinc-500 dark:text-zinc-400">{duration(outcome)}</span>}
              </div>
              {outcome.detail && (
                <p data-testid="maintenance-outcome-detail" className="break-words text-zinc-600 dark:text-zinc-400">
                  {outcome.detail}
                </p>
              )}
            </div>
          )}
        </div>
        {run.isError && (
          <p role="alert" className="text-xs break-words text-red-700 md:max-w-64 md:text-right dark:text-red-400">
            Couldn&rsquo;t run {info.label}: {run.error.message}
          </p>
        )}
      </div>
    </li>
  );
}
