import { ZodError, type ZodType } from 'zod';
import { isDatabaseConnectionError } from '@/db/errors';
import { AppError, errorBody } from '@/server/errors';
import { getBaseServices } from '@/server/services';
import { observeRequest } from './observe-request';

/** The original service's validation error: every problem, field first, in one readable line plus a list. */
export function validationError(error: ZodError): AppError {
  const problems = error.issues.map((issue) => ({
    field: issue.path.join('.') || null,
    message: issue.message,
  }));
  const summary = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
  return new AppError('VALIDATION_ERROR', `Invalid request: ${summary}`, problems);
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (isDatabaseConnectionError(error)) {
    return new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable', null, { cause: error });
  }
  return new AppError('INTERNAL_ERROR', 'Something went wrong on our side', null, { cause: error });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps an HTTP route of the original API (`route` is its pattern, e.g. `/documents/[id]`, for metrics):
 * errors become `{ error, detail, code }` with the original's status codes, every response carries
 * X-Request-ID, and server faults are logged with it.
 */
export function apiRoute<C>(route: string, handler: Handler<C>): Handler<C> {
  return (request, context) =>
    observeRequest(route, request, async (requestId) => {
      try {
        return await handler(request, context);
      } catch (caught) {
        const error = toAppError(caught);
        if (error.status >= 500) {
          getBaseServices().logger.error({ err: error.cause ?? error, requestId, route }, error.message);
        }
        return Response.json(errorBody(error), { status: error.status });
      }
    });
}

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

/** Parses a JSON body against `schema`: 413 over MAX_REQUEST_SIZE, 415 if not JSON, 422 if invalid. */
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
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
