/** A form's outcome in a box under it: errors are announced as they appear, notices politely. */
export function FormAlert({ tone = 'error', children, testId }: { tone?: 'error' | 'notice'; children: React.ReactNode; testId?: string }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      className={`rounded-md border px-3 py-2 text-sm ${
        tone === 'error'
          ? 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200'
          : 'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200'
      }`}
    >
      {children}
    </div>
  );
}
