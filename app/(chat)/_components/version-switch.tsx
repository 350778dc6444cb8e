'use client';

import { iconButton } from '@/app/_components/styles';
import { ChevronIcon } from './icons';

/**
 * "< 2/3 >" under a message with siblings: the edits of a question or the versions of an answer. Flipping shows
 * that branch of the conversation (the server remembers which one is shown).
 */
export function VersionSwitch({
  ids,
  current,
  what,
  disabled,
  onShow,
}: {
  ids: string[];
  current: string;
  /** "question" or "answer", for the buttons' names. */
  what: string;
  disabled: boolean;
  onShow: (id: string) => void;
}) {
  const index = ids.indexOf(current);
  if (ids.length < 2 || index < 0) return null;
  const small = `${iconButton} size-6`;
  return (
    <span role="group" aria-label={`Versions of this ${what}`} data-testid="version-switch" className="inline-flex items-center gap-0.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      <button type="button" className={small} disabled={disabled || index === 0} onClick={() => onShow(ids[index - 1]!)}>
        <ChevronIcon direction="left" className="size-3.5" />
        <span className="sr-only">Previous version of this {what}</span>
      </button>
      <span data-testid="version-position">
        {index + 1}/{ids.length}
      </span>
      <button type="button" className={small} disabled={disabled || index === ids.length - 1} onClick={() => onShow(ids[index + 1]!)}>
        <ChevronIcon direction="right" className="size-3.5" />
        <span className="sr-only">Next version of this {what}</span>
      </button>
    </span>
  );
}
