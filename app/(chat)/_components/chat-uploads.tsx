'use client';

import { useRef } from 'react';
import { actionButton } from '@/app/_components/styles';
import { ACCEPTED_DESCRIPTION, ACCEPTED_FILES } from '@/app/_components/uploads/upload-file';
import { UploadList } from '@/app/_components/uploads/upload-list';
import type { Uploads } from '@/app/_components/uploads/use-uploads';
import { PaperclipIcon } from './icons';

/** The composer's attach button: files go into the vault the conversation asks. */
export function AttachButton({ vaultName, onFiles }: { vaultName: string; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={actionButton} onClick={() => input.current?.click()} title={`Add files to ${vaultName}`}>
        <PaperclipIcon className="size-3.5" />
        <span className="max-sm:sr-only">Attach</span>
        <span className="sr-only"> files to {vaultName}</span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        aria-label={`Files to add to ${vaultName}`}
        tabIndex={-1}
        className="sr-only"
        onChange={(event) => {
          onFiles(Array.from(event.currentTarget.files ?? []));
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}

/** Shown over the conversation while files are dragged onto it. */
export function DropOverlay({ vaultName }: { vaultName: string }) {
  return (
    <div
      aria-hidden
      data-testid="chat-drop-overlay"
      className="pointer-events-none absolute inset-2 z-30 flex flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed border-sky-500 bg-sky-50/90 text-center dark:border-sky-400 dark:bg-sky-950/80"
    >
      <p className="text-sm font-semibold text-sky-900 dark:text-sky-100">Drop to add to {vaultName}</p>
      <p className="text-xs text-sky-800 dark:text-sky-200">{ACCEPTED_DESCRIPTION}</p>
    </div>
  );
}

/** The uploads started from the chat, with the same rows as the documents page. */
export function ChatUploads({ uploads }: { uploads: Uploads }) {
  if (uploads.items.length === 0) return null;
  return (
    <div data-testid="chat-uploads" className="mb-2 max-h-56 overflow-y-auto">
      <UploadList uploads={uploads} />
    </div>
  );
}
