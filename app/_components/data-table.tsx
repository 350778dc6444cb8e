/**
 * A compact bordered table that scrolls sideways on a phone instead of squeezing its columns. `relative`: the
 * screen-reader-only labels in its cells are absolutely positioned, and would otherwise widen the page. The
 * scrolling box is a named region that takes focus, so keyboard users can scroll it too.
 */
export function DataTable({
  caption,
  columns,
  children,
  testId,
}: {
  caption: string;
  columns: Array<{ label: string; numeric?: boolean; srOnly?: boolean }>;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-visible:outline-zinc-100"
    >
      <table data-testid={testId} className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950/40">
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={`px-3 py-2 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:text-zinc-400 ${
                  column.numeric ? 'text-right' : ''
                }`}
              >
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export const cellStyles = 'px-3 py-2 align-top';
export const numericCellStyles = 'px-3 py-2 text-right align-top tabular-nums whitespace-nowrap';

/** What a table shows when there is nothing to list. */
export function EmptyNote({ children }: { children: React.ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
      {children}
    </p>
  );
}
