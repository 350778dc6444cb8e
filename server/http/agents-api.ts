import { z } from 'zod';
import type { Agent } from '@/db/queries/agents';
import { createAgent, listAgents, removeAgent, requireAgent } from '@/server/chat/agents';
import { agentFields } from '@/server/chat/schemas';
import { id } from '@/server/documents/schemas';
import { getServices } from '@/server/services';
import { idParam } from './id-param';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

/** The original service's agents: named assistants with their own system prompt, bound to a vault. */

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

export const getAgents: RouteHandler = async () => {
  const services = await getServices();
  return Response.json({ agents: (await listAgents(services.db)).map(agentJson) });
};

export const postAgent: RouteHandler = async (request) => {
  const services = await getServices();
  const body = await readJson(request, createBody, services.config.maxRequestBytes);
  const agent = await createAgent(services, {
    name: body.name,
    description: body.description,
    systemPrompt: body.system_prompt,
    vaultId: body.vault_id,
  });
  return Response.json(agentJson(agent));
};

export const getAgent: RouteHandler = async (_request, params) => {
  const services = await getServices();
  return Response.json(agentJson(await requireAgent(services, idParam(params, 'Agent'))));
};

export const deleteAgent: RouteHandler = async (_request, params) => {
  const services = await getServices();
  const agentId = idParam(params, 'Agent');
  await removeAgent(services, agentId);
  return Response.json({ agent_id: agentId, deleted: true });
};
