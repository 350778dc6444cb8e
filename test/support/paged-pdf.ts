import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * A PDF whose every word says which page it is on (`harbour2` is on page 2), a few sentences per line and
 * `linesPerPage` lines per page: whatever span of its text a chunk holds, its first and last words name the pages
 * the chunk must record.
 */
function pagedPdfLines(pages: number, linesPerPage: number): string[][] {
  const words = ['harbour', 'lamp', 'keeper', 'tide', 'beacon', 'rope', 'anchor', 'signal'];
  return Array.from({ length: pages }, (_, p) =>
    Array.from({ length: linesPerPage }, (_, line) => {
      const sentence = Array.from({ length: 8 }, (_, w) => `${words[(line + w) % words.length]}${p + 1}`).join(' ');
      return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
    }),
  );
}

export async function pagedPdf(pages: number, linesPerPage: number, title = 'Paged harbour manual'): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pagedPdfLines(pages, linesPerPage)) {
    const page = pdf.addPage([420, 600]);
    lines.forEach((line, i) => page.drawText(line, { x: 30, y: 560 - i * 16, size: 10, font }));
  }
  return new Uint8Array(await pdf.save());
}

/** The page a word of pagedPdf names. */
export const pageOfWord = (word: string) => Number(/(\d+)\W*$/.exec(word)?.[1]);
