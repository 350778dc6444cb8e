import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createPerson, listPeople, setDisabled, setRole } from '@/server/auth/users';
import { adminProcedure, createTRPCRouter } from '../init';

const role = z.enum(['admin', 'member']);
const userId = z.string().min(1).max(100);

/** People, for administrators signed in as themselves (the admin token manages no one). */
const personalAdminProcedure = adminProcedure.use(({ ctx, next }) => {
  if (ctx.caller.kind !== 'user') throw new TRPCError({ code: 'FORBIDDEN', message: 'Sign in as an administrator to manage people.' });
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listPeople(ctx)),

  create: personalAdminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
        email: z.string().trim().toLowerCase().email('must be an email address').max(254),
        password: z.string().min(10, 'must be at least 10 characters').max(256),
        role,
      }),
    )
    .mutation(({ ctx, input }) => createPerson(ctx, input)),

  setRole: personalAdminProcedure
    .input(z.object({ userId, role }))
    .mutation(({ ctx, input }) => setRole(ctx, ctx.caller, ctx.headers, input.userId, input.role)),

  setDisabled: personalAdminProcedure
    .input(z.object({ userId, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setDisabled(ctx, ctx.caller, ctx.headers, input.userId, input.disabled)),
});
