'use client';

import { useId, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import { SendIcon, StopIcon } from './icons';

const MAX_HEIGHT = 240;

export interface ComposerHandle {
  focus: () => void;
}

/**
 * The question box: grows with its text, Enter sends and Shift+Enter breaks the line; while an answer
 * streams, Stop takes Send's place (Escape stops too).
 */
export function Composer({
  ref,
  value,
  onChange,
  onSend,
  onStop,
  busy,
  disabled = false,
  placeholder,
  toolbar,
}: {
  ref?: React.Ref<ComposerHandle>;
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  disabled?: boolean;
  placeholder?: string;
  toolbar?: React.ReactNode;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const canSend = !busy && !disabled && value.trim().length > 0;

  useImperativeHandle(ref, () => ({ focus: () => textarea.current?.focus() }), []);

  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT)}px`;
    element.style.overflowY = element.scrollHeight > MAX_HEIGHT ? 'auto' : 'hidden';
  }, [value]);

  return (
    <form
      aria-label="Ask a question"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend();
      }}
      className="rounded-2xl border border-zinc-300 bg-white shadow-sm transition-colors focus-within:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:focus-within:border-zinc-500"
    >
      {toolbar && <div className="flex flex-wrap items-center gap-2 px-3 pt-2.5">{toolbar}</div>}
      <div className="flex items-end gap-2 p-2 pl-3">
        <label htmlFor={`${hintId}-input`} className="sr-only">
          Your question
        </label>
        <textarea
          id={`${hintId}-input`}
          ref={textarea}
          value={value}
          rows={1}
          disabled={disabled}
          placeholder={placeholder ?? 'Ask about your documents…'}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              if (canSend) onSend();
            } else if (event.key === 'Escape' && busy) {
              event.preventDefault();
              onStop();
            }
          }}
          className="max-h-60 min-h-10 flex-1 resize-none bg-transparent py-2 text-[15px] leading-6 text-zinc-900 placeholder:text-zinc-400 focus:outline-none disabled:opacity-50 dark:text-zinc-100 dark:placeholder:text-zinc-500"
        />
        {busy ? (
          <button
            type="button"
            onClick={onStop}
            className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-white shadow-sm transition-colors hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300 dark:focus-visible:outline-zinc-100"
          >
            <StopIcon className="size-4" />
            <span className="sr-only">Stop generating</span>
          </button>
        ) : (
          <button
            type="submit"
            disabled={!canSend}
            className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-white shadow-sm transition-colors hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 disabled:cursor-not-allowed disabled:bg-zinc-300 disabled:text-zinc-500 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300 dark:focus-visible:outline-zinc-100 dark:disabled:bg-zinc-700 dark:disabled:text-zinc-400"
          >
            <SendIcon className="size-4" />
            <span className="sr-only">Send</span>
          </button>
        )}
      </div>
      <p id={hintId} className="sr-only">
        Enter sends, Shift+Enter starts a new line{busy ? ', Escape stops the answer' : ''}.
      </p>
    </form>
  );
}
