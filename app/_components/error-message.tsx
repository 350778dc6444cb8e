import { plainErrorMessage } from './plain-error';
import { buttonStyles } from './styles';

/**
 * A failure where the content would be: what could not be done, why in plain words (plain-error.ts), and a
 * Retry button when one helps. Announced as it appears.
 */
export function ErrorMessage({
  what,
  error,
  onRetry,
  testId = 'error-message',
}: {
  /** What could not be done, e.g. "Couldn’t load your documents". */
  what: string;
  error: unknown;
  onRetry?: () => void;
  testId?: string;
}) {
  return (
    <div
      role="alert"
      data-testid={testId}
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <p className="min-w-0 flex-1">
        <span className="font-medium">{what}.</span> {plainErrorMessage(error)}
      </p>
      {onRetry && (
        <button type="button" className={buttonStyles.secondary} onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
