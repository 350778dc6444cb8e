'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { buttonStyles } from '@/app/_components/styles';

/** Edits a question in place; sending it starts a new branch from there, and the earlier one stays reachable. */
export function QuestionEditor({ initial, onSend, onCancel }: { initial: string; onSend: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const field = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => {
    field.current?.focus();
    field.current?.setSelectionRange(initial.length, initial.length);
  }, [initial]);
  const canSend = text.trim().length > 0;
  return (
    <form
      aria-label="Edit your question"
      className="flex w-full max-w-[85%] flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend(text.trim());
      }}
    >
      <label htmlFor={id} className="sr-only">
        Edited question
      </label>
      <textarea
        id={id}
        ref={field}
        value={text}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (canSend) onSend(text.trim());
          }
        }}
        className="w-full resize-y rounded-2xl border border-zinc-300 bg-white px-4 py-2.5 text-[15px] leading-6 text-zinc-900 focus:border-zinc-500 focus:outline-2 focus:outline-zinc-500/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      />
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.quiet} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={buttonStyles.primary} disabled={!canSend}>
          Save and send
        </button>
      </div>
    </form>
  );
}
