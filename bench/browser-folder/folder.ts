import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the bench's folder holds, and what Docent should make of it. */
export interface BenchFolder {
  root: string;
  files: number;
  bytes: number;
  /** Files that should become documents. */
  readable: number;
  /** Files Docent should leave out, with a reason, without stopping the rest. */
  unreadable: number;
}

// A GIF: an image kind Docent does not read (it reads PNG, JPEG, TIFF and WebP by OCR).
const GIF = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0]);
const PLACES = ['harbour', 'ferry', 'lighthouse', 'quay'];

/**
 * A team's exported wiki: `notes` small Markdown pages in a few sub-folders, `large` handbooks of about `largeKb`
 * each (they fill more of a request's byte budget and take the reader longer), and one picture Docent cannot read.
 */
export function makeBenchFolder({ notes, large, largeKb }: { notes: number; large: number; largeKb: number }): BenchFolder {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'docent-bench-folder-')), 'team-wiki');
  let bytes = 0;
  const write = (relative: string, content: string | Buffer) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    bytes += Buffer.byteLength(content);
  };
  for (let i = 1; i <= notes; i++) {
    const place = PLACES[i % PLACES.length]!;
    write(
      `${place}/page-${i}.md`,
      `# Wiki page ${i}\n\nThe ${place} procedure number ${i} was reviewed on day ${(i % 28) + 1}. ` +
        'Keep the log signed, the lamp trimmed and the ropes coiled before the evening tide.\n',
    );
  }
  for (let i = 1; i <= large; i++) {
    const paragraph = (n: number) =>
      `## Section ${n}\n\nHandbook ${i}, section ${n}: the watch keeper records the wind, the swell and every vessel that passes the light, ` +
      `and signs the log at the end of the watch. Spare wicks are kept in the store beside the oil room (${n}).\n\n`;
    let text = `# Keeper's handbook ${i}\n\n`;
    for (let n = 1; text.length < largeKb * 1024; n++) text += paragraph(n);
    write(`handbooks/handbook-${i}.md`, text);
  }
  write('photos/quay.gif', GIF);
  return { root, files: notes + large + 1, bytes, readable: notes + large, unreadable: 1 };
}
