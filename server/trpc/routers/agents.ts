import { z } from 'zod';
import { createAgent, listUsableAgents, removeAgent, requireAgent, updateAgent } from '@/server/chat/agents';
import { id } from '@/server/documents/schemas';
import { agentFields } from '@/server/chat/schemas';
import { createTRPCRouter, protectedProcedure } from '../init';

const agentInput = z.object({ ...agentFields, vaultId: id.nullish() });

export const agentsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listUsableAgents(ctx, ctx.caller)),

  get: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => requireAgent(ctx, ctx.caller, input.id)),

  create: protectedProcedure.input(agentInput).mutation(({ ctx, input }) => createAgent(ctx, ctx.caller, input)),

  update: protectedProcedure
    .input(agentInput.partial().extend({ id }))
    .mutation(({ ctx, input: { id: agentId, ...changes } }) => updateAgent(ctx, ctx.caller, agentId, changes)),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeAgent(ctx, ctx.caller, input.id)),
});
