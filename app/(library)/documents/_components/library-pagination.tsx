'use client';

import { buttonStyles } from '@/app/_components/styles';

/** "51–100 of 10,000" and the way to the pages before and after. */
export function LibraryPagination({
  page,
  pageCount,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="page-range">
        {first.toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}
      </p>
      {pageCount > 1 && (
        <div className="flex items-center gap-2">
          <button type="button" className={buttonStyles.secondary} disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous<span className="sr-only"> page</span>
          </button>
          <span className="tabular-nums text-zinc-600 dark:text-zinc-400" data-testid="page-number">
            Page {page.toLocaleString()} of {pageCount.toLocaleString()}
          </span>
          <button type="button" className={buttonStyles.secondary} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
            Next<span className="sr-only"> page</span>
          </button>
        </div>
      )}
    </nav>
  );
}
