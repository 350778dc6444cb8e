import { z } from 'zod';
import { createAgent, listAgents, removeAgent, requireAgent, updateAgent } from '@/server/chat/agents';
import { id } from '@/server/documents/schemas';
import { agentFields } from '@/server/chat/schemas';
import { createTRPCRouter, publicProcedure } from '../init';

const agentInput = z.object({ ...agentFields, vaultId: id.nullish() });

export const agentsRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listAgents(ctx.db)),

  get: publicProcedure.input(z.object({ id })).query(({ ctx, input }) => requireAgent(ctx, input.id)),

  create: publicProcedure.input(agentInput).mutation(({ ctx, input }) => createAgent(ctx, input)),

  update: publicProcedure
    .input(agentInput.partial().extend({ id }))
    .mutation(({ ctx, input: { id: agentId, ...changes } }) => updateAgent(ctx, agentId, changes)),

  delete: publicProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeAgent(ctx, input.id)),
});
