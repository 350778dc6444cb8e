import { noteWrite } from '@/server/read-routing';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { isAdmin, SIGN_IN_REQUIRED } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { assertCleanInput } from '@/server/http/inspect-input';
import { enforceRateLimit, limitedAs } from '@/server/http/rate-limit';
import { assertSameOrigin } from '@/server/http/same-origin';
import type { LimitKind } from '@/server/limits/rate-limits';
import type { Context } from './context';
import { errorData, toTRPCError } from './errors';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const { appCode, problems, message } = errorData(error);
    return { ...shape, message: message ?? shape.message, data: { ...shape.data, appCode, problems } };
  },
});

/** Errors thrown by domain code (AppError, a lost database) become tRPC errors with the matching status. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

/**
 * What the REST endpoints check in their dispatch (server/http/guard-route.ts): a mutation must not come from
 * another site (403), and no input may hold a NUL character or nest too deep (422).
 */
const guardInput = t.middleware(async ({ ctx, type, getRawInput, next }) => {
  if (type === 'mutation') assertSameOrigin('POST', ctx.headers, ctx.config.trustProxy);
  assertCleanInput(await getRawInput());
  return next();
});

/** Counts the call against the caller's allowance of `kind` (RATE_LIMIT_*): 429 past it. */
export const rateLimited = (kind: LimitKind) =>
  t.middleware(async ({ ctx, next }) => {
    await enforceRateLimit(kind, limitedAs(ctx.headers, ctx.caller));
    return next();
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** For the few procedures that must answer without a database (health). */
export const baseProcedure = t.procedure.use(mapAppErrors).use(guardInput);

/** Everything else: guarantees `ctx.db`, failing with 503 DATABASE_CONNECTION_ERROR while it is down. */
export const publicProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.db) throw new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable');
  return next({ ctx: { ...ctx, db: ctx.db } });
});

/** A signed-in person: `ctx.caller` is them, and every query below filters by them. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  if (ctx.authError) throw ctx.authError;
  const caller = ctx.caller;
  if (caller?.kind !== 'user') throw new TRPCError({ code: 'UNAUTHORIZED', message: SIGN_IN_REQUIRED });
  if (type !== 'mutation') return next({ ctx: { ...ctx, caller } });
  // Read-your-writes: this person's next reads go to the primary, counted from the change's end as well.
  await noteWrite(ctx, caller.userId);
  const result = await next({ ctx: { ...ctx, caller } });
  await noteWrite(ctx, caller.userId);
  return result;
});

/** Administrators (or `Authorization: Bearer <ADMIN_TOKEN>` for scripts), else 401/403 and no data. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: SIGN_IN_REQUIRED });
  if (!isAdmin(ctx.caller)) throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs an administrator.' });
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});
