import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

// Tesseract reads best at about 300 dpi (PDF units are 1/72 inch); the longer side is capped so a poster-sized
// page does not become a 100-megapixel image.
const TARGET_DPI = 300;
const MAX_SIDE_PX = 3500;

/**
 * Pictures of a PDF's pages for text recognition. pdf.js's legacy build (from pdfjs-dist) draws them: unpdf's
 * build reads text well but cannot draw on Node 20 (it needs ArrayBuffer.transferToFixedLength). Opened on the
 * first page that needs it; `close` frees it.
 */
export class PageRenderer {
  private opened: Promise<PDFDocumentProxy> | undefined;

  constructor(private readonly bytes: Uint8Array) {}

  /** Page `pageNumber` as a PNG, on white. */
  async renderPng(pageNumber: number): Promise<Uint8Array> {
    // pdf.js may take ownership of (detach) the buffer it is given, so it gets a copy.
    this.opened ??= getDocument({ data: new Uint8Array(this.bytes), verbosity: 0, isEvalSupported: false }).promise;
    const page = await (await this.opened).getPage(pageNumber);
    try {
      const { width, height } = page.getViewport({ scale: 1 });
      const scale = Math.min(TARGET_DPI / 72, MAX_SIDE_PX / Math.max(width, height));
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      // pdf.js is typed against the DOM's canvas; @napi-rs/canvas implements the part it uses.
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
      return new Uint8Array(await canvas.encode('png'));
    } finally {
      page.cleanup();
    }
  }

  async close(): Promise<void> {
    if (this.opened) await (await this.opened.catch(() => null))?.destroy();
  }
}
