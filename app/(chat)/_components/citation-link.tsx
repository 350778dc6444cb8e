'use client';

import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { pageLabel } from '@/app/(library)/documents/[id]/_components/types';
import type { ChatSource } from './types';

const CARD_WIDTH = 320;
const MARGIN = 8;
const SHOW_DELAY_MS = 150;
const PASSAGE_CHARS = 320;

function excerpt(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= PASSAGE_CHARS ? flat : `${flat.slice(0, PASSAGE_CHARS).replace(/\s\S*$/, '')}…`;
}

/** Where the card goes: above the chip (below when there is no room), inside the screen's width. */
function placeCard(anchor: DOMRect, card: { width: number; height: number }) {
  const left = Math.min(Math.max(MARGIN, anchor.left + anchor.width / 2 - card.width / 2), window.innerWidth - card.width - MARGIN);
  const above = anchor.top - card.height - MARGIN;
  return { left: Math.max(MARGIN, left), top: above >= MARGIN ? above : anchor.bottom + MARGIN };
}

/**
 * A `[n]` citation in an answer: a chip that opens the cited document beside the chat, and, on hover or keyboard
 * focus, a preview card with the document's title, the page and the passage.
 */
export function CitationLink({ source, onCite }: { source: ChatSource; onCite: (n: number) => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);
  const cardId = useId();
  const pages = pageLabel(source);

  const show = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOpen(true), delay);
  };
  const hide = () => {
    clearTimeout(timer.current);
    setOpen(false);
    setPosition(null);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      if (button.current && card.current) setPosition(placeCard(button.current.getBoundingClientRect(), card.current.getBoundingClientRect()));
    };
    place();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && hide();
    // The card follows its chip when the conversation scrolls (focusing a chip scrolls it into view).
    window.addEventListener('keydown', onKey);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('scroll', place, true);
    };
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="citation-chip"
        data-n={source.n}
        onClick={() => {
          hide();
          onCite(source.n);
        }}
        onPointerEnter={(event) => event.pointerType === 'mouse' && show(SHOW_DELAY_MS)}
        onPointerLeave={hide}
        onFocus={() => show(0)}
        onBlur={hide}
        aria-label={`Source ${source.n}: ${source.title}`}
        aria-describedby={open ? cardId : undefined}
        className="mx-0.5 inline-flex h-[1.15rem] min-w-[1.15rem] -translate-y-px items-center justify-center rounded-full bg-zinc-200 px-1 align-middle text-[0.7rem] font-semibold text-zinc-700 not-italic tabular-nums transition-colors hover:bg-zinc-900 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-zinc-900 dark:bg-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-100 dark:hover:text-zinc-900 dark:focus-visible:outline-zinc-100"
      >
        {source.n}
      </button>
      {open && (
        <span
          ref={card}
          id={cardId}
          role="tooltip"
          data-testid="citation-card"
          style={{ width: `min(${CARD_WIDTH}px, calc(100vw - ${2 * MARGIN}px))`, ...(position ?? { left: 0, top: 0, visibility: 'hidden' }) }}
          className="pointer-events-none fixed z-50 block rounded-lg border border-zinc-200 bg-white p-3 text-left text-sm leading-5 font-normal text-zinc-800 not-italic shadow-xl dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
        >
          <span className="block font-semibold break-words" data-testid="citation-card-title">
            {source.title}
          </span>
          <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400" data-testid="citation-card-page">
            Source {source.n}
            {pages && ` · ${pages}`}
          </span>
          <span className="mt-2 block border-l-2 border-amber-500 pl-2 text-[13px] text-zinc-700 dark:text-zinc-300" data-testid="citation-card-passage">
            {excerpt(source.content)}
          </span>
        </span>
      )}
    </>
  );
}
