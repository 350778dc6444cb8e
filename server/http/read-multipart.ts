import { Readable } from 'node:stream';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { AppError } from '@/server/errors';
import { formatBytes } from '@/server/ingest/submit';
import { assertCleanText } from './inspect-input';

interface UploadedFile {
  filename: string;
  mimeType: string | null;
  content: Uint8Array;
}

export interface MultipartUpload {
  files: UploadedFile[];
  fields: Map<string, string>;
}

export interface MultipartLimits {
  maxFiles: number;
  /** All files together. */
  maxBytes: number;
}

// The upload form has one small field (vault_id); anything beyond these is not our form.
const MAX_FIELDS = 8;
const MAX_FIELD_BYTES = 1024;
const MAX_PART_HEADERS = 16;

/**
 * Reads a multipart/form-data body as it streams in (busboy), holding it to the limits while it arrives: the
 * 21st file, the byte past MAX_UPLOAD_BYTES or the ninth field stops the reading at once with 413 or 422, instead
 * of buffering and parsing the whole body first. Field values and file names are checked for NUL characters.
 */
export function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type) || !request.body) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload files as multipart/form-data in fields named "file".'));
  }
  return new Promise((resolve, reject) => {
    const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
    const files: UploadedFile[] = [];
    const fields = new Map<string, string>();
    let total = 0;
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      // The rest of the body is read and dropped, not cut off: a client still sending would otherwise see the
      // connection reset instead of this answer. HTTP_REQUEST_TIMEOUT bounds how long that can go on.
      source.unpipe();
      source.resume();
      reject(error);
    };
    const tooLarge = () =>
      fail(new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than the limit of ${formatBytes(limits.maxBytes)}.`, { limit: limits.maxBytes }));

    let parser: BusboyInstance;
    try {
      parser = new Busboy({
        headers: { 'content-type': type },
        // A folder's files keep their path in it (docs/2024/report.pdf): it is their name in the library.
        preservePath: true,
        limits: {
          files: limits.maxFiles,
          fileSize: limits.maxBytes,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: limits.maxFiles + MAX_FIELDS,
          headerPairs: MAX_PART_HEADERS,
        },
      });
    } catch {
      // No boundary, or not one busboy can use.
      reject(new AppError('VALIDATION_ERROR', 'The upload could not be read as multipart/form-data.'));
      return;
    }
    const guarded = (check: () => void) => {
      try {
        check();
        return true;
      } catch (error) {
        fail(error as AppError);
        return false;
      }
    };

    parser.on('file', (fieldName, stream, filename, _encoding, mimeType) => {
      if (!guarded(() => (assertCleanText('file name', filename), assertCleanText('field name', fieldName)))) return void stream.on('error', () => {}).resume();
      if (fieldName !== 'file') return void stream.on('error', () => {}).resume();
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => {
        total += part.byteLength;
        if (total > limits.maxBytes) return tooLarge();
        parts.push(part);
      });
      stream.on('limit', tooLarge);
      // A body that ends inside a file: busboy fails the file's stream, which must not go unheard.
      stream.on('error', () => fail(new AppError('VALIDATION_ERROR', 'The upload ended before it was complete.')));
      stream.on('end', () => {
        if (!settled) files.push({ filename, mimeType: mimeType || null, content: new Uint8Array(Buffer.concat(parts)) });
      });
    });
    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated || valueTruncated) {
        return fail(new AppError('VALIDATION_ERROR', `The form field ${name.slice(0, 40)} is too long.`, [{ field: name, message: 'too long' }]));
      }
      if (guarded(() => (assertCleanText('field name', name), assertCleanText(name, value)))) fields.set(name, value);
    });
    parser.on('filesLimit', () =>
      fail(new AppError('PAYLOAD_TOO_LARGE', `An upload may hold at most ${limits.maxFiles} files; send the rest in another.`, { max_files: limits.maxFiles })),
    );
    parser.on('fieldsLimit', () => fail(new AppError('VALIDATION_ERROR', 'The upload has more form fields than the upload form sends.')));
    parser.on('partsLimit', () => fail(new AppError('VALIDATION_ERROR', 'The upload has more parts than the upload form sends.')));
    parser.on('error', () => fail(new AppError('VALIDATION_ERROR', 'The upload could not be read as multipart/form-data.')));
    parser.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve({ files, fields });
    });
    source.on('error', () => fail(new AppError('VALIDATION_ERROR', 'The upload ended before it was complete.')));
    source.pipe(parser);
  });
}
