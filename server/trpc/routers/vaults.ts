import { z } from 'zod';
import { id, vaultDescription, vaultName } from '@/server/documents/schemas';
import { createVault, listVaults, removeVault, requireVault } from '@/server/documents/vaults';
import { createTRPCRouter, publicProcedure } from '../init';

export const vaultsRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listVaults(ctx.db)),

  get: publicProcedure.input(z.object({ id })).query(({ ctx, input }) => requireVault(ctx, input.id)),

  create: publicProcedure
    .input(z.object({ name: vaultName, description: vaultDescription }))
    .mutation(({ ctx, input }) => createVault(ctx, input)),

  delete: publicProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeVault(ctx, input.id)),
});
