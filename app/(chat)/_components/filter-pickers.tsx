'use client';

import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { DOCUMENT_TYPE_OPTIONS } from '@/app/_components/document-types';
import { useTRPC } from '@/app/_trpc/react';
import type { ChatSelection } from './types';

// The kinds of file retrieval can be limited to (server/chat/filters.ts accepts these names).
const TYPES = DOCUMENT_TYPE_OPTIONS;

/**
 * Limits the question to documents with a tag and/or of a type, next to the vault picker; the search applies it
 * before choosing its passages, so an answer still gets a full set of them.
 */
export function FilterPickers({ selection, onChange, className }: { selection: ChatSelection; onChange: (selection: ChatSelection) => void; className: string }) {
  const trpc = useTRPC();
  const tags = useQuery(trpc.documents.tags.queryOptions());
  const tagId = useId();
  const typeId = useId();
  const tag = selection.tags?.[0] ?? '';
  const type = selection.types?.[0] ?? '';

  return (
    <>
      <div className="flex items-center gap-1.5">
        <label htmlFor={tagId} className="text-xs text-zinc-500 max-sm:sr-only dark:text-zinc-400">
          Tag
        </label>
        <select
          id={tagId}
          value={tag}
          disabled={!tags.data}
          onChange={(event) => onChange({ ...selection, tags: event.target.value ? [event.target.value] : undefined })}
          className={className}
        >
          <option value="">Any tag</option>
          {tags.data?.map((option) => (
            <option key={option.tag} value={option.tag}>
              {option.tag}
            </option>
          ))}
          {tag && tags.data && !tags.data.some((option) => option.tag === tag) && <option value={tag}>{tag}</option>}
        </select>
      </div>
      <div className="flex items-center gap-1.5">
        <label htmlFor={typeId} className="text-xs text-zinc-500 max-sm:sr-only dark:text-zinc-400">
          Type
        </label>
        <select
          id={typeId}
          value={type}
          onChange={(event) => onChange({ ...selection, types: event.target.value ? [event.target.value] : undefined })}
          className={className}
        >
          <option value="">Any type</option>
          {TYPES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
