import type { ZodType } from 'zod';
import { AppError, validationError } from '@/server/errors';
import { assertCleanInput } from './inspect-input';

/** Reads at most `maxBytes` of the body, failing with 413 past it whatever Content-Length claims. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${maxBytes} bytes.`, { limit: maxBytes });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const part of request.body as unknown as AsyncIterable<Uint8Array>) {
    total += part.byteLength;
    if (total > maxBytes) throw tooLarge();
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/** Parses a JSON body against `schema`: 413 over MAX_REQUEST_SIZE, 415 if not JSON, 422 if invalid (NUL and depth included). */
export async function readJson<T>(request: Request, schema: ZodType<T>, maxBytes: number): Promise<T> {
  const type = request.headers.get('content-type') ?? '';
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json (got ${type}).`);
  }
  const bytes = await readBody(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError('VALIDATION_ERROR', 'The request body is not valid JSON.', [{ field: null, message: 'invalid JSON' }]);
  }
  assertCleanInput(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
