import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Scans made in the test: a text PDF drawn to pixels by pdf.js (as a scanner would see the printed page), then
 * saved as an image or wrapped back into a PDF that holds only the picture, no text layer.
 */

/** A PDF with a text layer: each page's lines in 16-point Helvetica. */
export async function textPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 54, y: 720 - i * 28, size: 16, font }));
  }
  return new Uint8Array(await pdf.save());
}

/** Every page of `pdf` drawn at `dpi`, on white. */
export async function rasterisePdf(pdf: Uint8Array, dpi = 200): Promise<Canvas[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const canvases: Canvas[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
      canvases.push(canvas);
    }
    return canvases;
  } finally {
    await document.destroy();
  }
}

/** A PDF of pictures only (one per page, as a scanner makes): nothing for a text extractor to find. */
export async function imageOnlyPdf(pages: Canvas[], dpi = 200): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const canvas of pages) {
    const image = await pdf.embedPng(await canvas.encode('png'));
    const [width, height] = [(canvas.width * 72) / dpi, (canvas.height * 72) / dpi];
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return new Uint8Array(await pdf.save());
}

/** A greyscale, uncompressed baseline TIFF of the canvas (the canvas library writes no TIFF). */
export function tiffOf(canvas: Canvas): Uint8Array {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  // Header, then one IFD of 9 entries, then the pixels.
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 4, width], // ImageWidth
    [257, 4, height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: black is zero
    [273, 4, 0], // StripOffsets, set below
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, grey.length], // StripByteCounts
  ];
  const ifdOffset = 8;
  const pixelsOffset = ifdOffset + 2 + entries.length * 12 + 4;
  entries[5]![2] = pixelsOffset;
  const header = Buffer.alloc(pixelsOffset);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdOffset, 4);
  header.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    if (type === 3) header.writeUInt16LE(value, at + 8);
    else header.writeUInt32LE(value, at + 8);
  });
  return new Uint8Array(Buffer.concat([header, grey]));
}

const words = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * The share of `sentence`'s words found in `recognised`: OCR may misread a letter or two ("northem"), so tests ask
 * for most words, not all; nothing recognised, or other text, scores near 0.
 */
export function wordsRecognised(sentence: string, recognised: string): number {
  const found = new Set(words(recognised));
  const expected = words(sentence);
  return expected.filter((word) => found.has(word)).length / expected.length;
}
