import { recogniseText } from './recognised-text';
import { ExtractionError, type ExtractedContent, type ExtractionHooks } from './types';

/** An image's text, recognised (OCR) as the one page it is. */
export async function extractImage(bytes: Uint8Array, { recognise, onProgress }: ExtractionHooks): Promise<ExtractedContent> {
  if (!recognise) throw new ExtractionError('Text recognition (OCR) is not available here, so the text of images cannot be read.');
  const text = await recogniseText(recognise, bytes, 'this image');
  onProgress?.(1, 1);
  return { text, title: null, pageCount: 1, pageStarts: text ? [{ page: 1, start: 0 }] : [], ocrPages: text ? [1] : [] };
}
