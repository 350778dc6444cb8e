import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { AppError, describeProblems, toAppError, zodProblems, type ErrorCode, type FieldProblem } from '@/server/errors';

const TRPC_CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * A procedure's failure as tRPC sends it, keeping the AppError as the cause so the formatter can name its code.
 * tRPC's own errors (bad input: 400 with the zod error as cause; UNAUTHORIZED) pass unchanged.
 */
export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof ZodError || (error.code !== 'INTERNAL_SERVER_ERROR' && !(cause instanceof AppError))) return error;
  const app = toAppError(cause ?? error);
  if (app.code === 'INTERNAL_ERROR') return error;
  return new TRPCError({ code: TRPC_CODE_BY_STATUS[app.status] ?? 'INTERNAL_SERVER_ERROR', message: app.message, cause: app });
}

/** The error's `data`, as the pages read it: the original service's code and, for bad input, every problem. */
export function errorData(error: TRPCError): { appCode: ErrorCode | null; problems: FieldProblem[] | null; message: string | null } {
  if (error.cause instanceof ZodError) {
    const problems = zodProblems(error.cause);
    return { appCode: 'VALIDATION_ERROR', problems, message: describeProblems(problems) };
  }
  if (error.cause instanceof AppError) return { appCode: error.cause.code, problems: null, message: null };
  return { appCode: null, problems: null, message: null };
}
