/**
 * One error type for the whole app, carrying the original service's codes. HTTP routes and tRPC map it in
 * one place each (server/http/respond.ts, server/trpc/init.ts).
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 422,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SESSION_NOT_FOUND: 404,
  DOCUMENT_INGEST_ERROR: 500,
  CHAT_GENERATION_ERROR: 500,
  OPENAI_SERVICE_ERROR: 502,
  DATABASE_CONNECTION_ERROR: 503,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly detail?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The original service's error body: `{ error, detail, code }`. */
export function errorBody(error: AppError): { error: string; detail: unknown; code: ErrorCode } {
  return { error: error.message, detail: error.detail ?? null, code: error.code };
}
