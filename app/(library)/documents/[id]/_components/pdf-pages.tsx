'use client';

import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { loadPdfJs } from './load-pdfjs';
import { passageBoxes, type HighlightBox } from './pdf-highlight';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; pdf: PDFDocumentProxy; aspect: number };

/** Opens the PDF at `url` with pdf.js; the document is destroyed (its worker memory freed) when the view goes. */
function usePdf(url: string): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    loadPdfJs()
      .then(async (pdfjs) => {
        // isEvalSupported: false, or pdf.js tries `new Function` (a CSP violation) to speed up font drawing.
        const task = pdfjs.getDocument({ url, isEvalSupported: false, withCredentials: true });
        destroy = () => task.destroy();
        const pdf = await task.promise;
        const first = await pdf.getPage(1);
        const viewport = first.getViewport({ scale: 1 });
        if (!cancelled) setLoaded({ status: 'ready', pdf, aspect: viewport.height / viewport.width });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [url]);
  return loaded;
}

/** True once the element comes within a screen or so of the viewport: pages are drawn only when about to be seen. */
function useNearViewport(ref: React.RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setNear(true), {
      rootMargin: '800px 0px',
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}

function PdfPage({
  pdf,
  number,
  aspect,
  cited,
  passage,
}: {
  pdf: PDFDocumentProxy;
  number: number;
  aspect: number;
  cited: boolean;
  passage: string | null;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const near = useNearViewport(frame);
  const [rendered, setRendered] = useState(false);
  const [boxes, setBoxes] = useState<HighlightBox[]>([]);

  useEffect(() => {
    if (!near || !canvas.current || !frame.current) return;
    let cancelled = false;
    let cancelRender: (() => void) | null = null;
    const target = canvas.current;
    const cssWidth = frame.current.clientWidth;
    void (async () => {
      const [page, pdfjs] = await Promise.all([pdf.getPage(number), loadPdfJs()]);
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (cssWidth / base.width) * (window.devicePixelRatio || 1) });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      const task = page.render({ canvas: target, viewport });
      cancelRender = () => task.cancel();
      await task.promise;
      if (cancelled) return;
      setRendered(true);
      if (passage) setBoxes(await passageBoxes(page, passage, pdfjs.Util.transform));
    })().catch(() => {
      // A cancelled render rejects; a page that cannot be drawn stays a blank sheet with its number.
    });
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [near, pdf, number, passage]);

  return (
    <figure
      data-testid="pdf-page"
      data-page={number}
      data-rendered={rendered ? 'true' : 'false'}
      data-cited={cited ? 'true' : undefined}
      className="space-y-1"
    >
      <div
        ref={frame}
        className={`relative w-full overflow-hidden rounded-sm bg-white shadow ring-1 ${cited ? 'ring-2 ring-amber-500' : 'ring-zinc-200 dark:ring-zinc-700'}`}
        style={{ aspectRatio: `1 / ${aspect}` }}
      >
        <canvas ref={canvas} className="block h-full w-full" aria-label={`Page ${number}`} role="img" />
        {boxes.map((box, i) => (
          <span
            key={i}
            data-testid="pdf-highlight"
            aria-hidden
            className="pointer-events-none absolute rounded-[2px] bg-amber-300/45 mix-blend-multiply"
            style={{ left: `${box.left}%`, top: `${box.top}%`, width: `${box.width}%`, height: `${box.height}%` }}
          />
        ))}
      </div>
      <figcaption className="text-center text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        Page {number} of {pdf.numPages}
        {cited && <span className="ml-1 font-semibold text-amber-700 dark:text-amber-400">· cited</span>}
      </figcaption>
    </figure>
  );
}

/**
 * The PDF drawn page by page with pdf.js, each page only as it nears the screen; opened at the cited page, whose
 * cited lines are highlighted.
 */
export function PdfPages({
  url,
  cited,
  passage,
}: {
  url: string;
  /** The pages the cited passage lies on. */
  cited: { start: number; end: number } | null;
  passage: string | null;
}) {
  const citedPage = cited?.start ?? null;
  const loaded = usePdf(url);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (loaded.status !== 'ready' || citedPage === null) return;
    list.current?.querySelector(`[data-page="${citedPage}"]`)?.scrollIntoView({ block: 'start' });
  }, [loaded.status, citedPage]);

  if (loaded.status === 'loading') {
    return <p className="py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">Opening the PDF…</p>;
  }
  if (loaded.status === 'failed') {
    return (
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        The PDF could not be shown here ({loaded.message}). Download the original to read it.
      </p>
    );
  }
  const { pdf, aspect } = loaded;
  const isCited = (page: number) => cited !== null && page >= cited.start && page <= cited.end;
  return (
    <ol ref={list} aria-label="Pages" className="mx-auto max-w-3xl space-y-4" data-testid="pdf-pages" data-page-count={pdf.numPages}>
      {Array.from({ length: pdf.numPages }, (_, i) => i + 1).map((number) => (
        <li key={number} className="scroll-mt-4">
          <PdfPage
            pdf={pdf}
            number={number}
            aspect={aspect}
            cited={isCited(number)}
            passage={isCited(number) ? passage : null}
          />
        </li>
      ))}
    </ol>
  );
}
