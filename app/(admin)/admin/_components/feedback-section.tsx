'use client';

import { useQuery } from '@tanstack/react-query';
import { cardStyles } from '@/app/_components/styles';
import { useTRPC } from '@/app/_trpc/react';
import { LoadingBlocks, QueryProblem } from './query-problem';

const FEEDBACK_POLL_MS = 30_000;
const EXPORT_URL = '/api/feedback/export';

/** People's votes on answers: counted, the latest comments, and the export as evaluation cases. */
export function FeedbackSection() {
  const trpc = useTRPC();
  const feedback = useQuery({ ...trpc.messages.feedback.queryOptions(), refetchInterval: FEEDBACK_POLL_MS });
  const data = feedback.data;
  const counts = data
    ? [
        { id: 'up', label: 'Thumbs up', value: data.up },
        { id: 'down', label: 'Thumbs down', value: data.down },
        { id: 'comments', label: 'With a comment', value: data.withComment },
      ]
    : [];

  return (
    <section aria-labelledby="feedback-heading" className="space-y-4" data-testid="feedback-section">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="feedback-heading" className="text-lg font-semibold">
          Feedback on answers
        </h2>
        <a href={EXPORT_URL} download className="text-sm font-medium text-sky-700 underline underline-offset-2 hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300">
          Export as evaluation cases (JSONL)
        </a>
      </div>
      {feedback.error && <QueryProblem what="the feedback" query={feedback} stale={Boolean(data)} />}
      {feedback.isPending ? (
        <LoadingBlocks label="Loading the feedback…" count={1} className="h-24" />
      ) : data ? (
        <div className="grid gap-4 md:grid-cols-2">
          <dl className="grid grid-cols-3 gap-4">
            {counts.map((count) => (
              <div key={count.id} className={`${cardStyles} min-w-0`}>
                <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{count.label}</dt>
                <dd data-testid={`feedback-${count.id}`} className="mt-1 text-2xl font-semibold tabular-nums">
                  {count.value.toLocaleString('en')}
                </dd>
              </div>
            ))}
          </dl>
          <div className={cardStyles}>
            <h3 className="text-sm font-semibold">Latest comments</h3>
            {data.recentComments.length === 0 ? (
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No comments yet. People can add one after a thumbs up or down.</p>
            ) : (
              <ul className="mt-2 space-y-2 text-sm">
                {data.recentComments.map((comment, index) => (
                  <li key={index} data-testid="feedback-comment" className="min-w-0">
                    <span className="font-medium">{comment.rating === 1 ? 'Good' : 'Bad'}:</span> {comment.comment}
                    <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">on “{comment.question}”</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
