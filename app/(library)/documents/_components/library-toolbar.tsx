'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { inputStyles } from '@/app/_components/styles';
import type { VaultItem } from './types';
import { SORTS, STATUSES, TYPES, type LibraryView } from './use-library-view';
import { documentCount, vaultLabel } from './vault-access';
import { STATUS_LABELS } from './status-badge';

const SEARCH_DEBOUNCE_MS = 300;

/** The library's search, filters and sort: each a labelled control, all of them in the URL. */
export function LibraryToolbar({
  view,
  change,
  vaults,
  statusCounts,
}: {
  view: LibraryView;
  change: (changes: Partial<LibraryView>, how?: 'push' | 'replace') => void;
  vaults: VaultItem[];
  /** For the search and the other filters; absent until the first page arrives. */
  statusCounts: Record<string, number> | undefined;
}) {
  const id = useId();
  const trpc = useTRPC();
  const tags = useQuery(trpc.documents.tags.queryOptions()).data ?? [];
  const [text, setText] = useState(view.q);

  // Back and Forward change the URL under the field: show what it now says.
  const [shown, setShown] = useState(view.q);
  if (shown !== view.q) {
    setShown(view.q);
    setText(view.q);
  }

  useEffect(() => {
    if (text.trim() === view.q.trim()) return;
    const timer = setTimeout(() => change({ q: text }, 'replace'), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, view.q, change]);

  const total = vaults.reduce((sum, vault) => sum + vault.documentCount, 0);
  const select = `${inputStyles} w-full min-w-0`;

  return (
    <div role="search" aria-label="Documents" className="grid grid-cols-2 gap-3 md:grid-cols-[minmax(0,2fr)_repeat(5,minmax(0,1fr))]">
      <div className="col-span-2 md:col-span-1">
        <label htmlFor={`${id}-q`} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          maxLength={200}
          autoComplete="off"
          placeholder="Title, file name or words in the text"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') change({ q: text }, 'replace');
          }}
          className={`${inputStyles} w-full`}
        />
      </div>
      <Field id={`${id}-vault`} label="Show">
        <select id={`${id}-vault`} className={select} value={view.vault ?? ''} onChange={(event) => change({ vault: event.target.value || null })}>
          <option value="">All vaults ({documentCount(total)})</option>
          {vaults.map((vault) => (
            <option key={vault.id} value={vault.id}>
              {vaultLabel(vault)} ({documentCount(vault.documentCount)})
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-status`} label="Status">
        <select
          id={`${id}-status`}
          className={select}
          value={view.status ?? ''}
          onChange={(event) => change({ status: (event.target.value || null) as LibraryView['status'] })}
        >
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
              {statusCounts ? ` (${(statusCounts[status] ?? 0).toLocaleString()})` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-type`} label="Type">
        <select
          id={`${id}-type`}
          className={select}
          value={view.type ?? ''}
          onChange={(event) => change({ type: (event.target.value || null) as LibraryView['type'] })}
        >
          <option value="">Any type</option>
          {TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-tag`} label="Tag">
        <select id={`${id}-tag`} className={select} value={view.tag ?? ''} onChange={(event) => change({ tag: event.target.value || null })}>
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag.tag} value={tag.tag}>
              {tag.tag} ({documentCount(tag.documents)})
            </option>
          ))}
          {view.tag && !tags.some((tag) => tag.tag === view.tag) && <option value={view.tag}>{view.tag}</option>}
        </select>
      </Field>
      <Field id={`${id}-sort`} label="Sort">
        <select id={`${id}-sort`} className={select} value={view.sort} onChange={(event) => change({ sort: event.target.value as LibraryView['sort'] })}>
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      {children}
    </div>
  );
}
