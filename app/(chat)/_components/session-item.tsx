'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { PencilIcon, TrashIcon } from './icons';
import { buttonStyles, iconButton } from '@/app/_components/styles';
import type { SessionSummary } from './types';

export const UNTITLED = 'Untitled conversation';

/**
 * A conversation in the sidebar: a link that opens it, with inline rename (Enter saves, Escape cancels) and
 * delete behind an inline confirmation whose safe choice has the focus.
 */
export function SessionItem({
  session,
  active,
  onOpen,
  onRename,
  onDelete,
}: {
  session: SessionSummary;
  active: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => Promise<unknown>;
  onDelete: (id: string) => Promise<unknown>;
}) {
  const title = session.title?.trim() || UNTITLED;
  const [mode, setMode] = useState<'idle' | 'renaming' | 'confirming'>('idle');
  const [draft, setDraft] = useState(title);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<'rename' | 'delete' | null>(null);
  // Enter and the blur that follows must not save twice.
  const saving = useRef(false);
  const editing = useRef(false);
  const errorId = useId();

  useEffect(() => {
    if (mode === 'renaming') inputRef.current?.select();
    else if (mode === 'confirming') cancelRef.current?.focus();
    else if (returnFocusTo.current) {
      (returnFocusTo.current === 'rename' ? renameRef : deleteRef).current?.focus();
      returnFocusTo.current = null;
    }
  }, [mode]);

  const close = (focus: 'rename' | 'delete') => {
    editing.current = false;
    returnFocusTo.current = focus;
    setMode('idle');
    setError(null);
  };

  const saveRename = async () => {
    if (saving.current || !editing.current) return;
    const next = draft.trim();
    if (!next || next === title) return close('rename');
    saving.current = true;
    setPending(true);
    try {
      await onRename(session.id, next);
      close('rename');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not rename the conversation.');
    } finally {
      saving.current = false;
      setPending(false);
    }
  };

  const confirmDelete = async () => {
    setPending(true);
    try {
      await onDelete(session.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not delete the conversation.');
      setPending(false);
    }
  };

  return (
    <li
      data-testid="session-item"
      data-session-id={session.id}
      data-title={title}
      aria-busy={pending || undefined}
      className={`group relative rounded-lg transition-colors ${
        active ? 'bg-zinc-200/80 dark:bg-zinc-800' : 'hover:bg-zinc-200/50 dark:hover:bg-zinc-800/60'
      } ${pending && mode === 'confirming' ? 'opacity-50' : ''}`}
    >
      {mode === 'renaming' ? (
        <form
          className="p-1"
          onSubmit={(event) => {
            event.preventDefault();
            void saveRename();
          }}
        >
          <label htmlFor={`${errorId}-title`} className="sr-only">
            Conversation title
          </label>
          <input
            id={`${errorId}-title`}
            ref={inputRef}
            value={draft}
            maxLength={200}
            disabled={pending}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={() => void saveRename()}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                setDraft(title);
                close('rename');
              }
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="w-full rounded-md border border-zinc-400 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-zinc-500/40 dark:border-zinc-600 dark:bg-zinc-900"
          />
        </form>
      ) : mode === 'confirming' ? (
        <div
          role="group"
          aria-label={`Confirm deleting ${title}`}
          className="space-y-2 p-2"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close('delete');
            }
          }}
        >
          <p className="text-sm">
            Delete <span className="font-medium break-words">{title}</span>?
          </p>
          <div className="flex gap-2">
            <button type="button" className={`${buttonStyles.danger} px-2 py-1 text-xs`} disabled={pending} onClick={() => void confirmDelete()}>
              {pending ? 'Deleting…' : 'Delete'}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className={`${buttonStyles.secondary} px-2 py-1 text-xs`}
              disabled={pending}
              onClick={() => close('delete')}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="flex items-center">
          <a
            href={`/?session=${encodeURIComponent(session.id)}`}
            aria-current={active ? 'page' : undefined}
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
              event.preventDefault();
              onOpen(session.id);
            }}
            title={title}
            className="min-w-0 flex-1 truncate rounded-lg py-2 pr-1 pl-3 text-sm text-zinc-800 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-zinc-900 dark:text-zinc-200 dark:focus-visible:outline-zinc-100"
          >
            {title}
          </a>
          <div
            className={`flex shrink-0 items-center pr-1 ${
              active ? '' : 'md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100'
            }`}
          >
            <button
              ref={renameRef}
              type="button"
              className={`${iconButton} size-7`}
              onClick={() => {
                setDraft(title);
                editing.current = true;
                setMode('renaming');
              }}
            >
              <PencilIcon className="size-3.5" />
              <span className="sr-only">Rename {title}</span>
            </button>
            <button ref={deleteRef} type="button" className={`${iconButton} size-7 hover:text-red-700 dark:hover:text-red-400`} onClick={() => setMode('confirming')}>
              <TrashIcon className="size-3.5" />
              <span className="sr-only">Delete {title}</span>
            </button>
          </div>
        </div>
      )}
      {error && (
        <p id={errorId} role="alert" className="px-3 pb-2 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </li>
  );
}
