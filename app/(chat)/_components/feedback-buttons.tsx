'use client';

import { useId, useState } from 'react';
import { actionButton, buttonStyles, inputStyles } from '@/app/_components/styles';
import { ThumbDownIcon, ThumbUpIcon } from './icons';

export type Rating = 1 | -1;
export interface Feedback {
  rating: Rating;
  comment: string | null;
}

/**
 * Thumbs up or down on an answer; after a vote, an optional comment ("what was wrong?"). Clicking the chosen
 * thumb again takes the vote back. Saved at once: the comment is extra, never required.
 */
export function FeedbackButtons({
  feedback,
  onRate,
  onClear,
}: {
  feedback: Feedback | null;
  onRate: (rating: Rating, comment: string | null) => Promise<void>;
  onClear: () => Promise<void>;
}) {
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState(feedback?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Your feedback could not be saved; try again.');
    }
  };

  const vote = (rating: Rating) =>
    run(async () => {
      if (feedback?.rating === rating) {
        await onClear();
        setCommenting(false);
        return;
      }
      await onRate(rating, feedback?.comment ?? null);
      setCommenting(true);
    });

  const thumb = (rating: Rating, label: string, Icon: typeof ThumbUpIcon) => (
    <button
      type="button"
      className={`${actionButton} ${feedback?.rating === rating ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100' : ''}`}
      aria-pressed={feedback?.rating === rating}
      onClick={() => void vote(rating)}
    >
      <Icon className="size-3.5" />
      <span className="sr-only">{label}</span>
    </button>
  );

  return (
    <>
      {thumb(1, 'Good answer', ThumbUpIcon)}
      {thumb(-1, 'Bad answer', ThumbDownIcon)}
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {commenting && feedback && (
        <form
          aria-label="Feedback comment"
          className="flex w-full flex-wrap items-end gap-2 pt-1"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await onRate(feedback.rating, comment.trim() || null);
              setCommenting(false);
            });
          }}
        >
          <label htmlFor={fieldId} className="sr-only">
            {feedback.rating === 1 ? 'What was good? (optional)' : 'What was wrong? (optional)'}
          </label>
          <textarea
            id={fieldId}
            rows={2}
            maxLength={2000}
            value={comment}
            placeholder={feedback.rating === 1 ? 'What was good? (optional)' : 'What was wrong? (optional)'}
            onChange={(event) => setComment(event.target.value)}
            className={`${inputStyles} min-w-0 flex-1 resize-y`}
          />
          <button type="submit" className={buttonStyles.secondary}>
            Save comment
          </button>
          <button type="button" className={buttonStyles.quiet} onClick={() => setCommenting(false)}>
            Close
          </button>
        </form>
      )}
    </>
  );
}
