'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { DOCUMENT_TYPE_OPTIONS } from '@/app/_components/document-types';

export const SORTS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'title', label: 'Title A–Z' },
  { value: 'size', label: 'Largest first' },
] as const;
export const STATUSES = ['ready', 'processing', 'queued', 'failed'] as const;
export const TYPES = DOCUMENT_TYPE_OPTIONS;

type Sort = (typeof SORTS)[number]['value'];
type Status = (typeof STATUSES)[number];
type Type = (typeof TYPES)[number]['value'];

export interface LibraryView {
  q: string;
  vault: string | null;
  status: Status | null;
  type: Type | null;
  /** Only documents with this tag. */
  tag: string | null;
  sort: Sort;
  page: number;
}

const DEFAULTS: LibraryView = { q: '', vault: null, status: null, type: null, tag: null, sort: 'newest', page: 1 };

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function read(params: URLSearchParams): LibraryView {
  const page = Number(params.get('page'));
  const vault = params.get('vault');
  return {
    q: params.get('q')?.slice(0, 200) ?? '',
    vault: vault && UUID.test(vault) ? vault : null,
    status: oneOf(STATUSES, params.get('status')),
    type: oneOf(TYPES.map((type) => type.value), params.get('type')),
    tag: params.get('tag')?.slice(0, 40) || null,
    sort: oneOf(SORTS.map((sort) => sort.value), params.get('sort')) ?? 'newest',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Only what differs from the defaults, in a fixed order: `/documents` for the plain view, short links otherwise. */
function write(view: LibraryView): string {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set('q', view.q);
  if (view.vault) params.set('vault', view.vault);
  if (view.status) params.set('status', view.status);
  if (view.type) params.set('type', view.type);
  if (view.tag) params.set('tag', view.tag);
  if (view.sort !== DEFAULTS.sort) params.set('sort', view.sort);
  if (view.page !== 1) params.set('page', String(view.page));
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

/**
 * The library's search, filters, sort and page live in the URL (?q=&vault=&status=&type=&tag=&sort=&page=), so a
 * reload, a shared link or Back shows the same view. Changing a filter or the page adds a history entry; typing
 * in the search replaces the current one (Back leaves the search, not each letter). The browser's own history
 * API is enough: Next.js keeps `useSearchParams` in step with it, without a server round trip.
 */
export function useLibraryView() {
  const params = useSearchParams();
  const view = read(new URLSearchParams(params.toString()));

  const change = useCallback(
    (changes: Partial<LibraryView>, how: 'push' | 'replace' = 'push') => {
      const current = read(new URLSearchParams(window.location.search));
      // Any change but turning the page starts again at page 1.
      const next = { ...current, page: 1, ...changes };
      const url = write(next);
      if (how === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [],
  );

  return { view, change };
}
