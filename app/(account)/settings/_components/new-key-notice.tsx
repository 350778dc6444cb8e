'use client';

import { useEffect, useRef } from 'react';
import { buttonStyles } from '@/app/_components/styles';
import { useCopy } from '@/app/_components/use-copy';

/** The new key, this once: only its hash is stored, so it cannot be shown again. */
export function NewKeyNotice({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { state, copy } = useCopy();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="region"
      aria-labelledby="new-key-heading"
      data-testid="new-api-key"
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 outline-none dark:border-amber-800 dark:bg-amber-950/60"
    >
      <h3 id="new-key-heading" className="text-sm font-semibold text-amber-950 dark:text-amber-100">
        Your new key “{name}”
      </h3>
      <p className="text-sm text-amber-900 dark:text-amber-200">
        Copy it now and keep it somewhere safe: it won’t be shown again. Anyone with it can act as you within its scopes.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="new-api-key-value" className="min-w-0 flex-1 rounded-md border border-amber-200 bg-white px-3 py-1.5 font-mono text-sm break-all dark:border-amber-900 dark:bg-zinc-900">
          {secret}
        </code>
        <button type="button" className={buttonStyles.secondary} onClick={() => void copy(secret)}>
          {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
        <button type="button" className={buttonStyles.quiet} onClick={onDone}>
          Done
        </button>
      </div>
      <p aria-live="polite" className="sr-only">
        {state === 'copied' ? 'The key was copied.' : state === 'failed' ? 'Copying failed: select the key and copy it yourself.' : ''}
      </p>
    </div>
  );
}
