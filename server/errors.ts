import { ZodError } from 'zod';
import { isDatabaseConnectionError } from '@/db/errors';

/**
 * One error type for the whole app, carrying the original service's codes. Domain code throws it; anything
 * else that escapes a request becomes one through `toAppError`, and HTTP and tRPC each translate it in one
 * place (server/http/error-response.ts, server/trpc/errors.ts).
 */
const ERROR_STATUS = {
  VALIDATION_ERROR: 422,
  /** A request the server cannot make sense of, such as a key it does not know where only some are allowed. */
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SESSION_NOT_FOUND: 404,
  DOCUMENT_INGEST_ERROR: 500,
  CHAT_GENERATION_ERROR: 500,
  OPENAI_SERVICE_ERROR: 502,
  DATABASE_CONNECTION_ERROR: 503,
  SERVER_BUSY: 503,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly detail?: unknown,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.headers = options?.headers ?? {};
  }

  /** Response headers the error needs, e.g. `Allow` for 405, `WWW-Authenticate` for 401, `Retry-After` for 429. */
  readonly headers: Record<string, string>;

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export interface FieldProblem {
  /** The field's path, e.g. `config.top_k`; null for the body as a whole. */
  field: string | null;
  message: string;
}

/** Every problem zod found, field first: the one formatting of validation errors, for HTTP and tRPC alike. */
export function zodProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || null, message: issue.message }));
}

/** "title: Too big: expected string to have <=200 characters; top_k: …": one readable line. */
export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
}

/** The original service's validation error: the problems in one readable line, and as a list in `detail`. */
export function validationError(error: ZodError): AppError {
  const problems = zodProblems(error);
  return new AppError('VALIDATION_ERROR', `Invalid request: ${describeProblems(problems)}`, problems);
}

/** What any thrown value means to a client: ours as they are, zod's as 422, a lost database as 503, the rest 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (isDatabaseConnectionError(error)) {
    return new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable', null, { cause: error });
  }
  return new AppError('INTERNAL_ERROR', 'Something went wrong on our side', null, { cause: error });
}
