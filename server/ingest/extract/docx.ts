import mammoth from 'mammoth';
import { htmlToText } from './html';
import { firstHeading } from './text';
import { ExtractionError, type ExtractedContent } from './types';

// Word's built-in "Title" style is not in mammoth's default map; as <h1> it becomes the document title.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** Converted through HTML so headings and tables come out exactly as they do for HTML uploads. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedContent> {
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    ({ value: html } = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP }));
  } catch (error) {
    throw new ExtractionError(
      'This Word document is damaged and cannot be read; open it in Word, save a new copy and upload that.',
      { cause: error },
    );
  }
  const text = htmlToText(html);
  return { text, title: firstHeading(text) };
}
