import { normalizeWhitespace } from './normalize';
import { ExtractionError, type ExtractionHooks } from './types';

// Below this mean confidence tesseract is reading marks that are not text (a photo, noise, a blank scan's grain).
const MIN_CONFIDENCE = 30;
// At least one word of two letters: a few stray symbols are not text anyone would search for.
const SOME_WORD = /\p{L}{2}/u;

/**
 * The text recognised in `image`, normalised like any other document's, or '' when nothing readable was found.
 * A recognition that fails (the engine crashed or overran OCR_PAGE_TIMEOUT) fails the document, saying where.
 */
export async function recogniseText(recognise: NonNullable<ExtractionHooks['recognise']>, image: Uint8Array, where: string): Promise<string> {
  let recognised: Awaited<ReturnType<typeof recognise>>;
  try {
    recognised = await recognise(image);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ExtractionError(`Text recognition (OCR) failed on ${where}: ${why}.`, { cause: error });
  }
  const text = normalizeWhitespace(recognised.text);
  return recognised.confidence >= MIN_CONFIDENCE && SOME_WORD.test(text) ? text : '';
}
