import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCX_SECTIONS, DOCX_TABLE, DOCX_TITLE, PDF_PAGES, PDF_TITLE } from '@/test/fixtures/fixture-text';
import { detectFormat, ExtractionError, extractText } from './index';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

async function extractionFailure(bytes: Uint8Array, filename?: string): Promise<string> {
  const error: unknown = await extractText(bytes, { filename }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ExtractionError);
  return (error as ExtractionError).reason;
}

describe('detectFormat', () => {
  it.each([
    ['report.pdf', 'pdf'],
    ['handbook.docx', 'docx'],
    ['garden.html', 'html'],
    ['release-notes.md', 'markdown'],
  ] as const)('detects %s as %s', (name, format) => {
    expect(detectFormat(fixture(name), name)).toBe(format);
  });

  it('trusts content over a misleading name or MIME type', () => {
    expect(detectFormat(fixture('report.pdf'), 'report.txt', 'text/plain')).toBe('pdf');
    expect(detectFormat(fixture('garden.html'), 'garden.txt')).toBe('html');
    expect(detectFormat(fixture('handbook.docx'), 'handbook.pdf')).toBe('docx');
    expect(detectFormat(fixture('garden.html'))).toBe('html');
  });

  it('uses the name, then the MIME type, to tell Markdown from plain text', () => {
    const markdown = fixture('release-notes.md');
    expect(detectFormat(markdown, 'notes.md')).toBe('markdown');
    expect(detectFormat(markdown, 'notes.txt')).toBe('text');
    expect(detectFormat(markdown, undefined, 'text/markdown; charset=utf-8')).toBe('markdown');
    expect(detectFormat(markdown)).toBe('text');
  });

  it('treats an HTML fragment as HTML only when the name says so', () => {
    const fragment = utf8('<p>Opening hours are <b>9 to 5</b>.</p>');
    expect(detectFormat(fragment, 'hours.html')).toBe('html');
    expect(detectFormat(fragment, 'hours.txt')).toBe('text');
  });

  it('does not take a text that merely mentions the PDF header for a PDF', () => {
    expect(detectFormat(utf8('Every PDF file starts with "%PDF-1.7" or similar.'), 'notes.txt')).toBe('text');
  });

  it('detects PNG, JPEG, TIFF and WebP images by their content, whatever their name', () => {
    expect(detectFormat(fixture('image.png'), 'image.png')).toBe('png');
    expect(detectFormat(fixture('image.png'), 'image.txt')).toBe('png');
    expect(detectFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'photo.png')).toBe('jpeg');
    expect(detectFormat(new Uint8Array([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]))).toBe('tiff');
    expect(detectFormat(utf8('RIFF\u0024\u0000\u0000\u0000WEBPVP8 '))).toBe('webp');
  });

  it('returns null for binaries and archives that are not Word documents', () => {
    expect(detectFormat(utf8('GIF89a\u0001\u0000\u0001\u0000'), 'anim.gif')).toBeNull();
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('\u0014\u0000\u0000\u0000hello.txt')]);
    expect(detectFormat(zip, 'archive.docx')).toBeNull();
    const executable = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    expect(detectFormat(executable)).toBeNull();
    const noise = Uint8Array.from({ length: 4096 }, (_, index) => 0x80 + ((index * 37) % 120));
    expect(detectFormat(noise)).toBeNull();
  });

  it('accepts legacy 8-bit and UTF-16 text', () => {
    expect(detectFormat(Uint8Array.from(Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e', 'latin1')))).toBe('text');
    expect(detectFormat(Uint8Array.from([0xff, 0xfe, ...Buffer.from('Hello', 'utf16le')]))).toBe('text');
  });
});

describe('extractText', () => {
  it('reads every page of a PDF in order, a blank line between pages, with its metadata title', async () => {
    const document = await extractText(fixture('report.pdf'), { filename: 'report.pdf' });
    expect(document).toMatchObject({ format: 'pdf', mimeType: 'application/pdf', title: PDF_TITLE, pageCount: 3 });
    expect(document.text).toBe(PDF_PAGES.map((sentences) => sentences.join('\n')).join('\n\n'));
  });

  it('reads a PDF named like a text file', async () => {
    const document = await extractText(fixture('report.pdf'), { filename: 'report.txt', mimeType: 'text/plain' });
    expect(document.format).toBe('pdf');
    expect(document.text).toContain(PDF_PAGES[2][1]);
  });

  it('leaves the caller’s buffer usable after reading a PDF', async () => {
    const bytes = fixture('report.pdf');
    const length = bytes.byteLength;
    await extractText(bytes);
    expect(bytes.byteLength).toBe(length);
    expect(detectFormat(bytes)).toBe('pdf');
  });

  it('reads HTML as lines of text without scripts or styles', async () => {
    const document = await extractText(fixture('garden.html'), { filename: 'garden.html' });
    expect(document).toMatchObject({ format: 'html', mimeType: 'text/html', title: 'Garden Club & Friends' });
    expect(document.text).toBe(
      [
        '# Welcome to the Garden Club',
        'We meet every Saturday at the community hall. Members bring their own tools.',
        '## What to bring',
        '- Gloves\n- A trowel',
        '## Membership fees',
        'Plan | Price\nIndividual | 20 euros\nFamily | 35 euros',
      ].join('\n\n'),
    );
    expect(document.text).not.toMatch(/script|font-family|trackingSecret/);
  });

  it('titles HTML without <title> by its first heading', async () => {
    const document = await extractText(utf8('<html><body><h1>Opening &amp; closing</h1><p>Daily.</p></body></html>'));
    expect(document.title).toBe('Opening & closing');
  });

  it('reads a Word document with Markdown headings and pipe-separated table rows', async () => {
    const document = await extractText(fixture('handbook.docx'), { filename: 'handbook.docx' });
    expect(document).toMatchObject({ format: 'docx', title: DOCX_TITLE });
    expect(document.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const [holidays, expenses] = DOCX_SECTIONS;
    const expectedInOrder = [
      `# ${DOCX_TITLE}\n\n`,
      `# ${holidays.heading}\n\n${holidays.paragraph}\n\n`,
      DOCX_TABLE.map((row) => row.join(' | ')).join('\n'),
      `\n\n# ${expenses.heading}\n\n${expenses.paragraph}`,
    ];
    let position = 0;
    for (const expected of expectedInOrder) {
      const found = document.text.indexOf(expected, position);
      expect(found, expected).toBeGreaterThanOrEqual(position);
      position = found + expected.length;
    }
  });

  it('keeps Markdown as Markdown, titled by its first heading', async () => {
    const document = await extractText(fixture('release-notes.md'), { filename: 'release-notes.md' });
    expect(document).toMatchObject({ format: 'markdown', mimeType: 'text/markdown', title: 'Release Notes' });
    expect(document.text).toBe(readFileSync(new URL('../../../test/fixtures/release-notes.md', import.meta.url), 'utf8').trim());
  });

  it('strips byte-order marks, normalises line endings and whitespace', async () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Line  one\t here \r\n\r\n\r\n\r\nLine two\u00a0 end\r\n')]);
    expect((await extractText(withBom, { filename: 'a.txt' })).text).toBe('Line one here\n\nLine two end');
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from('Grüße aus Köln\r\n', 'utf16le')]);
    expect((await extractText(utf16)).text).toBe('Grüße aus Köln');
    const utf16BigEndian = Uint8Array.from([0xfe, 0xff, ...Buffer.from('Hi', 'utf16le').swap16()]);
    expect((await extractText(utf16BigEndian)).text).toBe('Hi');
  });

  it('keeps indentation in Markdown, where code blocks depend on it', async () => {
    const document = await extractText(utf8('# Setup\n\n    npm   install\n'), { filename: 'setup.md' });
    expect(document.text).toBe('# Setup\n\n    npm install');
  });

  it('reads invalid UTF-8 as Windows-1252', async () => {
    const latin1 = Uint8Array.from(Buffer.from('Caf\xe9 cr\xe8me \x80 5', 'latin1'));
    expect((await extractText(latin1)).text).toBe('Café crème € 5');
  });
});

describe('extractText failures', () => {
  it('explains a password-protected PDF', async () => {
    expect(await extractionFailure(fixture('encrypted.pdf'), 'encrypted.pdf')).toBe(
      'This PDF is password-protected; remove the password and upload it again.',
    );
  });

  it('explains a damaged PDF', async () => {
    expect(await extractionFailure(fixture('corrupt.pdf'), 'corrupt.pdf')).toMatch(/PDF is damaged/);
  });

  it('explains that an image cannot be read without text recognition', async () => {
    expect(await extractionFailure(fixture('image.png'), 'image.png')).toMatch(/^Text recognition \(OCR\) is not available here/);
  });

  it('explains a PDF without a text layer', async () => {
    expect(await extractionFailure(fixture('scanned.pdf'), 'scanned.pdf')).toMatch(/no text layer.*OCR/);
  });

  it('explains a damaged Word document', async () => {
    expect(await extractionFailure(fixture('corrupt.docx'), 'corrupt.docx')).toMatch(/Word document is damaged/);
  });

  it('explains a file named .docx that is not one', async () => {
    const garbage = Uint8Array.from({ length: 512 }, (_, index) => index % 256);
    expect(await extractionFailure(garbage, 'contract.docx')).toMatch(/not a valid \.docx/);
  });

  it('explains a password-protected Word document, which is not a ZIP file', async () => {
    const oleHeader = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await extractionFailure(oleHeader, 'contract.docx')).toMatch(/password-protected/);
    expect(await extractionFailure(oleHeader, 'contract.doc')).toMatch(/older Office file/);
  });

  it('explains an empty file', async () => {
    expect(await extractionFailure(fixture('empty.txt'), 'empty.txt')).toBe('This file is empty; there is nothing to read.');
    expect(await extractionFailure(utf8(' \n\t\n '), 'blank.txt')).toMatch(/only blank space/);
  });

  it('explains an unsupported file type', async () => {
    expect(await extractionFailure(utf8('GIF89a\u0001\u0000\u0001\u0000'), 'anim.gif')).toMatch(/^This kind of image \(such as GIF or BMP\) is not supported/);
    expect(await extractionFailure(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]))).toMatch(/not supported/);
  });
});
