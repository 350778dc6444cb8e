import { z } from 'zod';
import type { Agent } from '@/db/queries/agents';
import { requireUser } from '@/server/auth/caller';
import { createAgent, listUsableAgents, removeAgent, requireAgent } from '@/server/chat/agents';
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

export const getAgents: RouteHandler = async (_request, { caller }) => {
  const services = await getServices();
  return Response.json({ agents: (await listUsableAgents(services, requireUser(caller))).map(agentJson) });
};

export const postAgent: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, createBody, services.config.maxRequestBytes);
  const agent = await createAgent(services, requireUser(caller), {
    name: body.name,
    description: body.description,
    systemPrompt: body.system_prompt,
    vaultId: body.vault_id,
  });
  return Response.json(agentJson(agent));
};

export const getAgent: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  return Response.json(agentJson(await requireAgent(services, requireUser(caller), idParam(params, 'Agent'))));
};

export const deleteAgent: RouteHandler = async (_request, { params, caller }) => {
  const services = await getServices();
  const agentId = idParam(params, 'Agent');
  await removeAgent(services, requireUser(caller), agentId);
  return Response.json({ agent_id: agentId, deleted: true });
};
