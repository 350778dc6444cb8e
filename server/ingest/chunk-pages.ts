import type { PageStart } from './extract/types';

interface PageSpan {
  pageStart: number;
  pageEnd: number;
}

/** The page holding `offset`: the last page that starts at or before it (binary search; `pages` is in order). */
function pageAt(pages: readonly PageStart[], offset: number): number {
  let low = 0;
  let high = pages.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (pages[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return pages[low]!.page;
}

/**
 * The pages a span of the extracted text [start, end) lies on: its first character's page and its last one's.
 * Null without page starts (every format but PDF).
 */
export function pagesOfSpan(pages: readonly PageStart[] | undefined, start: number, end: number): PageSpan | null {
  if (!pages || pages.length === 0) return null;
  return { pageStart: pageAt(pages, start), pageEnd: pageAt(pages, Math.max(start, end - 1)) };
}
