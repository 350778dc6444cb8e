import type { AppError } from '@/server/errors';

/** An AppError as the original service answered errors: `{ error, detail, code }` with its status. */
export function errorResponse(error: AppError): Response {
  return Response.json(
    { error: error.message, detail: error.detail ?? null, code: error.code },
    { status: error.status, headers: error.headers },
  );
}
