import { z } from 'zod';
import { id, vaultDescription, vaultName } from '@/server/documents/schemas';
import {
  createVault,
  getVaultSharing,
  listReadableVaults,
  removeVault,
  requireVault,
  shareVault,
} from '@/server/documents/vaults';
import { chunkingInput, setChunking } from '@/server/documents/chunk-settings';
import { sharingCandidates } from '@/server/auth/users';
import { createTRPCRouter, protectedProcedure } from '../init';

const access = z.enum(['read', 'write']);

export const vaultsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listReadableVaults(ctx, ctx.caller)),

  get: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => requireVault(ctx, ctx.caller, input.id)),

  create: protectedProcedure
    .input(z.object({ name: vaultName, description: vaultDescription }))
    .mutation(({ ctx, input }) => createVault(ctx, ctx.caller, input)),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeVault(ctx, ctx.caller, input.id)),

  /** Who the caller's vault is shared with (its owner only). */
  sharing: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => getVaultSharing(ctx, ctx.caller, input.id)),

  share: protectedProcedure
    .input(
      z.object({
        id,
        visibility: z.enum(['private', 'shared', 'everyone']),
        everyoneAccess: access,
        members: z.array(z.object({ userId: z.string().min(1).max(100), access })).max(500),
      }),
    )
    .mutation(({ ctx, input: { id: vaultId, ...sharing } }) => shareVault(ctx, ctx.caller, vaultId, sharing)),

  /** How the vault's documents are chunked from their next (re-)ingestion on (its owner only). */
  setChunking: protectedProcedure
    .input(chunkingInput.extend({ id }))
    .mutation(({ ctx, input: { id: vaultId, ...chunking } }) => setChunking(ctx, ctx.caller, vaultId, chunking)),

  /** The people a vault can be shared with. */
  people: protectedProcedure.query(({ ctx }) => sharingCandidates(ctx, ctx.caller)),
});
