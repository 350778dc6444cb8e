import { isImage, SIGNATURES, startsWith } from './signatures';
import type { DocumentFormat } from './types';

const SUPPORTED =
  'Upload a PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, .ods), EPUB, RTF, CSV, HTML, Markdown or plain-text file, or a PNG, JPEG, TIFF or WebP image, instead.';

/** What a packaged (ZIP) format is called, for a file whose name claims it but whose content is not one. */
const PACKAGED: Partial<Record<DocumentFormat, string>> = {
  pptx: 'a PowerPoint presentation',
  xlsx: 'an Excel workbook',
  ods: 'an OpenDocument spreadsheet',
  odt: 'an OpenDocument text',
  epub: 'an e-book',
};

/** Why a file of undetected format cannot be read, in words the uploader can act on. */
export function unsupportedReason(bytes: Uint8Array, claimed: DocumentFormat | null): string {
  const isOle = startsWith(bytes, SIGNATURES.ole);
  if (claimed === 'docx' && isOle) return 'This Word document is password-protected; remove the password and upload it again.';
  if (claimed === 'docx') return 'This file is named like a Word document but is not a valid .docx file; it may be damaged.';
  if (claimed === 'pdf') return 'This file is named like a PDF but is not a valid PDF; it may be damaged.';
  if (claimed && PACKAGED[claimed] && isOle) return 'This Office file is password-protected or in an older format; remove the password, or save it in the current format, and upload it again.';
  if (claimed && PACKAGED[claimed]) return `This file is named like ${PACKAGED[claimed]} but is not a valid .${claimed} file; it may be damaged.`;
  if (claimed === 'png' || claimed === 'jpeg' || claimed === 'tiff' || claimed === 'webp') {
    return `This file is named like a ${claimed.toUpperCase()} image but is not a valid one; it may be damaged.`;
  }
  if (isOle) return 'This is an older Office file (such as .doc, .xls or .ppt), which is not supported; save it as .docx, .xlsx, .pptx or PDF and upload it again.';
  if (isImage(bytes)) return `This kind of image (such as GIF or BMP) is not supported; save it as PNG or JPEG and upload it again.`;
  if (startsWith(bytes, SIGNATURES.zip)) return `This is a ZIP archive or another packaged format that is not supported. ${SUPPORTED}`;
  return `This type of file is not supported. ${SUPPORTED}`;
}
