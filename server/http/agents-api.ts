import { z } from 'zod';
import type { Agent } from '@/db/queries/agents';
import { createAgent, listAgents, removeAgent, requireAgent } from '@/server/chat/agents';
import { id } from '@/server/documents/schemas';
import { getServices } from '@/server/services';
import { idParam } from './documents-api';
import { apiRoute, readJson } from './respond';

/** The original service's agents: named assistants with their own system prompt, bound to a vault. */

export const agentFields = {
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  description: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
  systemPrompt: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
};

const createBody = z.object({
  name: agentFields.name,
  description: agentFields.description,
  system_prompt: agentFields.systemPrompt,
  vault_id: id.nullish(),
});

function agentJson(agent: Agent) {
  return {
    agent_id: agent.id,
    name: agent.name,
    description: agent.description,
    system_prompt: agent.systemPrompt,
    vault_id: agent.vaultId,
    vault_name: agent.vaultName,
    created_at: agent.createdAt.toISOString(),
    updated_at: agent.updatedAt.toISOString(),
  };
}

type IdParams = { params: Promise<{ id: string }> };

export const getAgents = apiRoute('/agents', async () => {
  const services = await getServices();
  return Response.json({ agents: (await listAgents(services.db)).map(agentJson) });
});

export const postAgent = apiRoute('/agents', async (request) => {
  const services = await getServices();
  const body = await readJson(request, createBody, services.config.maxRequestBytes);
  const agent = await createAgent(services, {
    name: body.name,
    description: body.description,
    systemPrompt: body.system_prompt,
    vaultId: body.vault_id,
  });
  return Response.json(agentJson(agent));
});

export const getAgent = apiRoute<IdParams>('/agents/[id]', async (_request, context) => {
  const services = await getServices();
  return Response.json(agentJson(await requireAgent(services, await idParam(context, 'Agent'))));
});

export const deleteAgent = apiRoute<IdParams>('/agents/[id]', async (_request, context) => {
  const services = await getServices();
  const agentId = await idParam(context, 'Agent');
  await removeAgent(services, agentId);
  return Response.json({ agent_id: agentId, deleted: true });
});
