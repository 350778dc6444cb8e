'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles, cardStyles, inputStyles } from '@/app/_components/styles';
import { useWebFetchProgress } from './use-web-fetch-progress';
import { WebFetchStatus } from './web-fetch-status';

const DEPTHS = [1, 2, 3];

/** Add a web page by its address, optionally with the same-site pages it links to; the server fetches it. */
export function WebPageForm({ vaultId }: { vaultId?: string }) {
  const trpc = useTRPC();
  const ids = { url: useId(), follow: useId(), depth: useId(), pages: useId(), error: useId() };
  const [url, setUrl] = useState('');
  const [follow, setFollow] = useState(false);
  const [depth, setDepth] = useState(1);
  const [maxPages, setMaxPages] = useState(20);
  const [fetchId, setFetchId] = useState<string | null>(null);
  const progress = useWebFetchProgress(fetchId);

  const add = useMutation(
    trpc.webPages.add.mutationOptions({
      onSuccess: (result) => {
        setFetchId(result.fetchId);
        setUrl('');
      },
    }),
  );

  return (
    <section aria-labelledby="web-page-heading" className={cardStyles}>
      <h3 id="web-page-heading" className="mb-4 text-sm font-semibold">
        Add a web page
      </h3>
      <form
        aria-labelledby="web-page-heading"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (!url.trim()) return;
          setFetchId(null);
          add.mutate({ url: url.trim(), vaultId, followLinks: follow ? { depth, maxPages } : null });
        }}
      >
        <div className="space-y-1">
          <label htmlFor={ids.url} className="text-sm font-medium">
            Address
          </label>
          <input
            id={ids.url}
            type="url"
            required
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://example.com/handbook"
            aria-invalid={add.isError || undefined}
            aria-describedby={add.isError ? ids.error : undefined}
            className={`${inputStyles} w-full`}
          />
        </div>
        <div className="flex items-center gap-2">
          <input id={ids.follow} type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} className="size-4" />
          <label htmlFor={ids.follow} className="text-sm">
            Also add the pages it links to on the same site
          </label>
        </div>
        {follow && (
          <div className="flex flex-wrap gap-4">
            <div className="space-y-1">
              <label htmlFor={ids.depth} className="text-sm font-medium">
                Links deep
              </label>
              <select id={ids.depth} value={depth} onChange={(event) => setDepth(Number(event.target.value))} className={inputStyles}>
                {DEPTHS.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor={ids.pages} className="text-sm font-medium">
                At most (pages)
              </label>
              <input
                id={ids.pages}
                type="number"
                min={1}
                max={500}
                value={maxPages}
                onChange={(event) => setMaxPages(Math.max(1, Number(event.target.value) || 1))}
                className={`${inputStyles} w-24`}
              />
            </div>
          </div>
        )}
        <button type="submit" className={buttonStyles.primary} disabled={add.isPending || !url.trim()}>
          {add.isPending ? 'Adding…' : 'Add page'}
        </button>
        {add.isError && (
          <p id={ids.error} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {add.error.message}
          </p>
        )}
        <WebFetchStatus progress={progress} />
      </form>
    </section>
  );
}
