import type { ImageFormat } from './types';

/** Leading "magic" bytes that identify a file's type whatever its name says. */
export const SIGNATURES = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  zip: [0x50, 0x4b, 0x03, 0x04],
  rtf: [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  // Old Office files, and password-protected new ones, are OLE compound files.
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  // Byte-order marks.
  utf8: [0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47],
  jpeg: [0xff, 0xd8, 0xff],
  gif: [0x47, 0x49, 0x46, 0x38],
  bmp: [0x42, 0x4d],
  tiffLittleEndian: [0x49, 0x49, 0x2a, 0x00],
  tiffBigEndian: [0x4d, 0x4d, 0x00, 0x2a],
  riff: [0x52, 0x49, 0x46, 0x46], // container of WebP images, among others
} as const;

export function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** The image types whose text Docent recognises, by their signature; null for anything else. */
export function ocrImageFormat(bytes: Uint8Array): ImageFormat | null {
  const { png, jpeg, tiffLittleEndian, tiffBigEndian, riff } = SIGNATURES;
  if (startsWith(bytes, png)) return 'png';
  if (startsWith(bytes, jpeg)) return 'jpeg';
  if (startsWith(bytes, tiffLittleEndian) || startsWith(bytes, tiffBigEndian)) return 'tiff';
  if (startsWith(bytes, riff) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'webp';
  return null;
}

export function isImage(bytes: Uint8Array): boolean {
  const { gif, bmp } = SIGNATURES;
  return ocrImageFormat(bytes) !== null || [gif, bmp].some((signature) => startsWith(bytes, signature));
}

/** Whether an ASCII string occurs anywhere in the bytes. */
export function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

/**
 * Extensions of files that never hold readable text: one of these names on text content means the file is not
 * what it claims (a renamed file, or an export gone wrong), so it is refused rather than indexed as text.
 */
export const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'tif', 'tiff', 'heic', 'heif', 'ico', 'avif',
  'mp3', 'mp4', 'wav', 'mov', 'avi', 'mkv', 'ogg', 'flac',
  'zip', 'gz', 'tgz', 'tar', '7z', 'rar', 'exe', 'dll', 'so', 'bin', 'iso', 'dmg',
]);
