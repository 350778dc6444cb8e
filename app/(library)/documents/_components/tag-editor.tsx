'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { badgeBase, badgeStyles, inputStyles } from '@/app/_components/styles';
import { useInvalidateDocuments } from './use-invalidate-documents';

/** A document's tags as chips; people who may write its vault add (with suggestions) and remove them. */
export function TagEditor({ documentId, title, tags, writable }: { documentId: string; title: string; tags: string[]; writable: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateDocuments();
  const [draft, setDraft] = useState('');
  const ids = useId();
  const suggestions = useQuery({ ...trpc.documents.tags.queryOptions(), enabled: writable });
  const save = useMutation(
    trpc.documents.setTags.mutationOptions({
      onSuccess: () => {
        setDraft('');
        router.refresh();
        return invalidate();
      },
    }),
  );
  const setTags = (next: string[]) => save.mutate({ id: documentId, tags: next });

  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="document-tags">
      <ul className="contents" aria-label={`Tags of ${title}`}>
        {tags.map((tag) => (
          <li key={tag} className={`${badgeBase} ${badgeStyles.neutral}`} data-testid="tag-chip">
            {tag}
            {writable && (
              <button
                type="button"
                className="-mr-1 rounded-full px-1 leading-none hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-zinc-900 disabled:opacity-50 dark:hover:bg-zinc-700 dark:focus-visible:outline-zinc-100"
                disabled={save.isPending}
                onClick={() => setTags(tags.filter((t) => t !== tag))}
              >
                <span aria-hidden>×</span>
                <span className="sr-only">Remove tag {tag}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {tags.length === 0 && !writable && <span className="text-xs text-zinc-500 dark:text-zinc-400">No tags</span>}
      {writable && (
        <form
          className="inline-flex"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) setTags([...tags, draft]);
          }}
        >
          <label htmlFor={`${ids}-tag`} className="sr-only">
            Add a tag to {title}
          </label>
          <input
            id={`${ids}-tag`}
            list={`${ids}-suggestions`}
            value={draft}
            maxLength={40}
            placeholder="Add tag"
            disabled={save.isPending}
            onChange={(event) => setDraft(event.target.value)}
            className={`${inputStyles} h-7 w-28 px-2 py-0 text-xs`}
          />
          <datalist id={`${ids}-suggestions`}>
            {suggestions.data?.filter((s) => !tags.includes(s.tag)).map((s) => <option key={s.tag} value={s.tag} />)}
          </datalist>
        </form>
      )}
      {save.error && (
        <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
          {save.error.message}
        </p>
      )}
    </div>
  );
}
