import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isDatabaseConnectionError } from '@/db/errors';
import { isAdminRequest } from '@/server/admin/auth';
import { AppError, type ErrorCode } from '@/server/errors';
import type { Context } from './context';

const TRPC_CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/** "title: Too big: expected string to have <=200 characters" — one line per problem, field first. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const app = error.cause instanceof AppError ? error.cause : null;
    const code: ErrorCode | undefined = zod ? 'VALIDATION_ERROR' : app?.code;
    return {
      ...shape,
      message: zod ? describeZodError(zod) : shape.message,
      data: { ...shape.data, appCode: code ?? null, fieldErrors: zod ? zod.flatten().fieldErrors : null },
    };
  },
});

/**
 * Lost database connections become 503 DATABASE_CONNECTION_ERROR, and AppErrors thrown by domain code become
 * tRPC errors with the matching status, keeping the AppError as cause.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDatabaseConnectionError(result.error.cause)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable',
      cause: new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable', null, { cause: result.error.cause }),
    });
  }
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE_BY_STATUS[cause.status] ?? 'INTERNAL_SERVER_ERROR', message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** For the few procedures that must answer without a database (health). */
export const baseProcedure = t.procedure.use(mapAppErrors);

/** Everything else: guarantees `ctx.db`, failing with 503 DATABASE_CONNECTION_ERROR while it is down. */
export const publicProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.db) throw new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable');
  return next({ ctx: { ...ctx, db: ctx.db } });
});

/** Operators only: the admin session cookie or `Authorization: Bearer <ADMIN_TOKEN>`, else 401 and no data. */
export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!(await isAdminRequest(ctx.headers))) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in with the admin token to see this.' });
  }
  return next();
});
