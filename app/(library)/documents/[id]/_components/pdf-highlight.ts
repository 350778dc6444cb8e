import type { PDFPageProxy } from 'pdfjs-dist';

/** A box on the page, in percent of its width and height, so it scales with however large the page is drawn. */
export interface HighlightBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
// Shorter text runs ("a", "12") are found in almost any passage: they would light up the whole page.
const MIN_RUN_CHARS = 4;

/**
 * Boxes around the text runs of `page` that belong to `passage`: a run counts when the passage contains it. The
 * passage was read from this page's text, so its lines are runs of the page; identical lines elsewhere on the
 * page may light up too, which is harmless.
 */
export async function passageBoxes(page: PDFPageProxy, passage: string, transform: (a: number[], b: number[]) => number[]): Promise<HighlightBox[]> {
  const wanted = normalise(passage);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const boxes: HighlightBox[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const run = normalise(item.str);
    if (run.length < MIN_RUN_CHARS || !wanted.includes(run)) continue;
    const [, , c = 0, d = 0, x = 0, y = 0] = transform(viewport.transform, item.transform);
    const height = Math.hypot(c, d);
    boxes.push({
      left: (x / viewport.width) * 100,
      top: ((y - height) / viewport.height) * 100,
      width: (item.width / viewport.width) * 100,
      height: ((height * 1.2) / viewport.height) * 100,
    });
  }
  return boxes;
}
