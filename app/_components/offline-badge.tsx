'use client';

import { useId, useRef } from 'react';
import { placeUnder } from './popover-placement';

/**
 * The header's reminder that no model API is configured: a small chip (a dot on phones) whose popover explains
 * what that means and how to change it. Replaces the banner that took a row above every conversation.
 */
export function OfflineBadge() {
  const popoverId = useId();
  const titleId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={popoverId}
        data-testid="offline-badge"
        className="inline-flex h-7 shrink-0 items-center gap-1.5 rounded-full bg-amber-50 px-2 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset transition-colors hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800 dark:hover:bg-amber-900 dark:focus-visible:outline-amber-300"
      >
        <span aria-hidden className="size-2 shrink-0 rounded-full bg-amber-500" />
        <span className="max-sm:sr-only">Offline mode</span>
      </button>
      <div
        ref={popoverRef}
        id={popoverId}
        popover="auto"
        role="dialog"
        aria-labelledby={titleId}
        onBeforeToggle={(event) => {
          if (event.newState === 'open') placeUnder(buttonRef.current, popoverRef.current);
        }}
        data-testid="offline-details"
        className="absolute inset-auto m-0 w-[min(22rem,calc(100vw-1rem))] space-y-2 rounded-lg border border-amber-200 bg-white p-4 text-sm text-zinc-700 shadow-lg dark:border-amber-900 dark:bg-zinc-900 dark:text-zinc-300"
      >
        <p id={titleId} className="font-semibold text-zinc-900 dark:text-zinc-100">
          Offline mode
        </p>
        <p>
          No model API is configured, so answers are quoted word for word from your documents instead of written by
          a model, and embeddings are computed on this server.
        </p>
        <p>
          To get written answers, set <code className="font-mono text-xs">OPENAI_API_KEY</code> or{' '}
          <code className="font-mono text-xs">OPENAI_BASE_URL</code> and restart Docent.
        </p>
      </div>
    </>
  );
}
