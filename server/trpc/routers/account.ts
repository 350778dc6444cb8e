import { z } from 'zod';
import { createApiKey, listKeys, revokeApiKey } from '@/server/auth/api-keys';
import { OIDC_PROVIDER_ID } from '@/server/auth/better-auth';
import { API_SCOPES } from '@/server/auth/caller';
import { needsSetup } from '@/server/auth/setup';
import { baseProcedure, createTRPCRouter, protectedProcedure, publicProcedure } from '../init';

export const accountRouter = createTRPCRouter({
  /** Who is signed in, or null: the pages use it for the header and to send strangers to sign in. */
  me: baseProcedure.query(({ ctx }) =>
    ctx.caller?.kind === 'user' ? { id: ctx.caller.userId, name: ctx.caller.name, email: ctx.caller.email, role: ctx.caller.role } : null,
  ),

  /** What the sign-in page offers: creating the owner on a new install, and single sign-on when configured. */
  signInOptions: publicProcedure.query(async ({ ctx }) => ({
    needsSetup: await needsSetup(ctx),
    sso: ctx.config.auth.oidc ? { providerId: OIDC_PROVIDER_ID, name: ctx.config.auth.oidc.name } : null,
  })),

  apiKeys: protectedProcedure.query(({ ctx }) => listKeys(ctx, ctx.caller)),

  /** The key itself is in this answer only: it is stored hashed. */
  createApiKey: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
        scopes: z.array(z.enum(API_SCOPES)).min(1, 'choose at least one'),
      }),
    )
    .mutation(({ ctx, input }) => createApiKey(ctx, ctx.caller, input)),

  revokeApiKey: protectedProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) => revokeApiKey(ctx, ctx.caller, input.id)),
});
