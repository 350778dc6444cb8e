'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { Dialog } from './dialog';
import { SystemStatus } from './system-status';

/** A compact health indicator (a coloured dot) that opens the full system status. */
export function SystemStatusButton() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const health = useQuery({ ...trpc.health.get.queryOptions(), refetchInterval: 30_000 });

  const state = health.isError ? 'down' : health.data ? health.data.status : 'unknown';
  const dot =
    state === 'ok' ? 'bg-emerald-500' : state === 'unknown' ? 'bg-zinc-400' : state === 'down' ? 'bg-red-500' : 'bg-amber-500';
  const label =
    state === 'ok' ? 'All systems normal' : state === 'unknown' ? 'Checking…' : state === 'down' ? 'Server not answering' : 'Degraded';

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-xs text-zinc-600 transition-colors hover:bg-zinc-200/60 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
      >
        <span aria-hidden className={`size-2 shrink-0 rounded-full ${dot}`} />
        <span className="font-medium">System status</span>
        <span className="ml-auto truncate text-zinc-500 dark:text-zinc-500">{label}</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} labelledBy={titleId} testId="system-status-dialog">
        <div className="space-y-4 p-5">
          <div className="flex items-center justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold">
              About this Docent
            </h2>
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded-md px-2 py-1 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
            >
              Close
            </button>
          </div>
          <SystemStatus />
        </div>
      </Dialog>
    </>
  );
}
