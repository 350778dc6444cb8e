'use client';

import { useEffect, useRef } from 'react';

const PLACEMENT = {
  center:
    'm-auto w-[calc(100%-2rem)] max-w-lg rounded-xl starting:open:scale-95 starting:open:opacity-0 transition-[scale,opacity]',
  right:
    'my-0 mr-0 ml-auto h-full max-h-full w-full max-w-md sm:border-l starting:open:translate-x-8 starting:open:opacity-0 transition-[translate,opacity]',
  /** A wide side panel (a document beside the chat); the whole screen on a phone. */
  drawer:
    'my-0 mr-0 ml-auto h-full max-h-full w-full max-w-2xl sm:border-l starting:open:translate-x-8 starting:open:opacity-0 transition-[translate,opacity]',
} as const;

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape, makes the page behind inert and
 * returns focus to whatever opened it. Clicking the backdrop closes it too.
 */
export function Dialog({
  open,
  onClose,
  labelledBy,
  describedBy,
  placement = 'center',
  testId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  describedBy?: string;
  placement?: keyof typeof PLACEMENT;
  testId?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onClose={onClose}
      onCancel={(event) => {
        // Escape: let React state close it, so `open` stays the single source of truth.
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={`overflow-hidden border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl duration-200 backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[1px] motion-reduce:transition-none dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100 ${PLACEMENT[placement]}`}
    >
      {open && children}
    </dialog>
  );
}
