'use client';

import Link from 'next/link';
import { OfflineNotice } from '@/app/_components/offline-notice';
import { DocumentIcon } from './icons';

const EXAMPLE_PROMPTS = [
  { title: 'Summarise', prompt: 'Summarise the main points of my documents.' },
  { title: 'Key dates', prompt: 'Which dates and deadlines do my documents mention?' },
  { title: 'Definitions', prompt: 'What are the most important terms defined in my documents?' },
  { title: 'Open questions', prompt: 'What risks or open questions are raised in my documents?' },
] as const;

/** A new conversation: what Docent does, a few questions to start from, and a nudge when there's nothing to ask. */
export function EmptyState({
  offline,
  libraryEmpty,
  onPick,
}: {
  offline: boolean;
  libraryEmpty: boolean;
  onPick: (prompt: string) => void;
}) {
  return (
    <div data-testid="chat-empty" className="mx-auto flex w-full max-w-2xl flex-col gap-6 py-8 sm:py-14">
      <div className="space-y-2 text-center">
        <span
          aria-hidden
          className="mx-auto mb-3 inline-flex size-11 items-center justify-center rounded-2xl bg-gradient-to-br from-emerald-500 to-sky-600 text-lg font-bold text-white shadow-sm"
        >
          D
        </span>
        <h2 className="text-2xl font-semibold tracking-tight">Chat with your documents</h2>
        <p className="text-zinc-600 dark:text-zinc-400">
          Ask a question and get an answer grounded in what you uploaded, with every claim linked to its source.
        </p>
      </div>

      {libraryEmpty && (
        <div
          data-testid="library-empty"
          className="flex flex-col items-start gap-3 rounded-xl border border-dashed border-zinc-300 bg-white p-4 sm:flex-row sm:items-center dark:border-zinc-700 dark:bg-zinc-900"
        >
          <DocumentIcon className="size-6 text-zinc-400" />
          <div className="flex-1">
            <p className="font-medium">Your library is empty</p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Add a few documents first: Docent only answers from what you give it.
            </p>
          </div>
          <Link
            href="/documents"
            className="inline-flex items-center justify-center gap-2 rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white shadow-sm transition-colors hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300 dark:focus-visible:outline-zinc-100"
          >
            Add documents
          </Link>
        </div>
      )}

      <section aria-labelledby="examples-heading" className="space-y-2">
        <h3 id="examples-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Try asking
        </h3>
        <ul className="grid gap-2 sm:grid-cols-2">
          {EXAMPLE_PROMPTS.map((example) => (
            <li key={example.title}>
              <button
                type="button"
                data-testid="example-prompt"
                onClick={() => onPick(example.prompt)}
                className="h-full w-full rounded-xl border border-zinc-200 bg-white p-3 text-left transition-colors hover:border-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-700 dark:hover:bg-zinc-800/60 dark:focus-visible:outline-zinc-100"
              >
                <span className="block text-sm font-medium">{example.title}</span>
                <span className="block text-sm text-zinc-500 dark:text-zinc-400">{example.prompt}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      {offline && <OfflineNotice />}
    </div>
  );
}
