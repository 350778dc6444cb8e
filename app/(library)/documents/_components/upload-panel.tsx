'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { buttonStyles, cardStyles } from '@/app/_components/styles';
import { filesOfDrop } from '@/app/_components/uploads/dropped-files';
import { ACCEPTED_DESCRIPTION, ACCEPTED_FILES } from '@/app/_components/uploads/upload-file';
import type { Uploads } from '@/app/_components/uploads/use-uploads';

function hasFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Drop zone and file picker; uploads go to `vaultId`. */
export function UploadPanel({ vaultId, uploads }: { vaultId?: string; uploads: Uploads }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const zoneRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const hintId = useId();

  // A file dropped just beside the zone would make the browser open it and leave the page: swallow those.
  useEffect(() => {
    const swallow = (event: DragEvent) => {
      if (hasFiles(event) && !zoneRef.current?.contains(event.target as Node)) {
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
      }
    };
    window.addEventListener('dragover', swallow);
    window.addEventListener('drop', swallow);
    return () => {
      window.removeEventListener('dragover', swallow);
      window.removeEventListener('drop', swallow);
    };
  }, []);

  return (
    <section aria-labelledby="upload-heading" className={`${cardStyles} flex flex-col gap-4`}>
      <h3 id="upload-heading" className="text-sm font-semibold">
        Upload files
      </h3>
      <div
        ref={zoneRef}
        data-testid="drop-zone"
        data-dragging={dragging || undefined}
        onDragEnter={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          dragDepth.current += 1;
          setDragging(true);
        }}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          dragDepth.current = 0;
          setDragging(false);
          void filesOfDrop(event.dataTransfer).then((files) => uploads.enqueue(files, vaultId));
        }}
        className={`flex flex-1 flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors ${
          dragging
            ? 'border-sky-500 bg-sky-50 dark:border-sky-400 dark:bg-sky-950/40'
            : 'border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-950/40'
        }`}
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          className={`size-8 ${dragging ? 'text-sky-500' : 'text-zinc-400'}`}
        >
          <path
            strokeLinecap="round"
            strokeLinejoin="round"
            d="M3 16.5v2.25A2.25 2.25 0 0 0 5.25 21h13.5A2.25 2.25 0 0 0 21 18.75V16.5m-13.5-9L12 3m0 0 4.5 4.5M12 3v13.5"
          />
        </svg>
        <p className="text-sm font-medium">{dragging ? 'Drop to upload' : 'Drag files or folders here'}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">or</p>
        <button
          type="button"
          className={buttonStyles.primary}
          onClick={() => inputRef.current?.click()}
          aria-describedby={hintId}
        >
          Choose files
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={() => folderRef.current?.click()}>
          Choose a folder
        </button>
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {ACCEPTED_DESCRIPTION}. Several at once is fine, a whole folder, or a .zip of them.
        </p>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          aria-label="Files to upload"
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            uploads.enqueue(Array.from(event.currentTarget.files ?? []), vaultId);
            // Choosing the same file again should upload it again.
            event.currentTarget.value = '';
          }}
        />
        <input
          ref={folderRef}
          type="file"
          // The directory picker: every file under the folder, each with its path in it (webkitRelativePath).
          {...{ webkitdirectory: '' }}
          aria-label="Folder to upload"
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            uploads.enqueue(Array.from(event.currentTarget.files ?? []), vaultId);
            event.currentTarget.value = '';
          }}
        />
      </div>
    </section>
  );
}
