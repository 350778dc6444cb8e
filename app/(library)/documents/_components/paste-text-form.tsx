'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles, cardStyles, inputStyles } from '@/app/_components/styles';
import { useInvalidateDocuments } from './use-invalidate-documents';

/** Paste text straight into a vault: notes, an email, a page that won't download. */
export function PasteTextForm({ vaultId }: { vaultId?: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateDocuments();
  const titleId = useId();
  const textId = useId();
  const errorId = useId();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<{ deduplicated: boolean; message: string } | null>(null);

  const ingest = useMutation(
    trpc.documents.ingestText.mutationOptions({
      onSuccess: async (result, variables) => {
        const name = variables.title ? `“${variables.title}”` : 'Your text';
        setNotice(
          result.deduplicated
            ? { deduplicated: true, message: `Already in Docent: ${name} matches a document in this vault.` }
            : { deduplicated: false, message: `${name} was added and is being processed.` },
        );
        setTitle('');
        setText('');
        await invalidate();
      },
    }),
  );

  return (
    <section aria-labelledby="paste-heading" className={cardStyles}>
      <h3 id="paste-heading" className="mb-4 text-sm font-semibold">
        Paste text
      </h3>
      <form
        aria-labelledby="paste-heading"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const body = text.trim();
          if (!body) return;
          setNotice(null);
          ingest.mutate({ text: body, title: title.trim() || undefined, vaultId });
        }}
      >
        <div className="space-y-1">
          <label htmlFor={titleId} className="text-sm font-medium">
            Title <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
          </label>
          <input
            id={titleId}
            value={title}
            maxLength={300}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="e.g. Meeting notes, 3 March"
            className={`${inputStyles} w-full`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={textId} className="text-sm font-medium">
            Text
          </label>
          <textarea
            id={textId}
            value={text}
            required
            rows={6}
            onChange={(event) => {
              setText(event.target.value);
              if (notice) setNotice(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
            }}
            aria-invalid={ingest.isError || undefined}
            aria-describedby={ingest.isError ? errorId : undefined}
            placeholder="Paste or type the text to add…"
            className={`${inputStyles} w-full resize-y`}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonStyles.primary} disabled={ingest.isPending || !text.trim()}>
            {ingest.isPending ? 'Adding…' : 'Add text'}
          </button>
          <p
            role="status"
            data-testid="paste-notice"
            className={`text-sm ${
              notice?.deduplicated ? 'text-amber-700 dark:text-amber-400' : 'text-emerald-700 dark:text-emerald-400'
            }`}
          >
            {notice?.message}
          </p>
        </div>
        {ingest.isError && (
          <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {ingest.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
