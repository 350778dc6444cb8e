import { deleteAgentById, getAgent, insertAgent, listAgents, updateAgentById, type Agent, type AgentInput } from '@/db/queries/agents';
import { isUniqueViolation } from '@/db/errors';
import { getVault } from '@/db/queries/vaults';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

export { listAgents };

const nameTaken = (name: string) =>
  new AppError('VALIDATION_ERROR', `An agent named "${name}" already exists.`, [{ field: 'name', message: 'already taken' }]);

async function checkVault(deps: Deps, vaultId: string | null | undefined): Promise<void> {
  if (vaultId && !(await getVault(deps.db, vaultId))) throw new AppError('NOT_FOUND', `Vault ${vaultId} does not exist.`);
}

export async function requireAgent(deps: Deps, id: string): Promise<Agent> {
  const agent = await getAgent(deps.db, id);
  if (!agent) throw new AppError('NOT_FOUND', `Agent ${id} does not exist.`);
  return agent;
}

export async function createAgent(deps: Deps, input: AgentInput): Promise<Agent> {
  await checkVault(deps, input.vaultId);
  const agent = await insertAgent(deps.db, input);
  if (!agent) throw nameTaken(input.name);
  return agent;
}

export async function updateAgent(deps: Deps, id: string, changes: Partial<AgentInput>): Promise<Agent> {
  await checkVault(deps, changes.vaultId);
  try {
    const agent = await updateAgentById(deps.db, id, changes);
    if (!agent) throw new AppError('NOT_FOUND', `Agent ${id} does not exist.`);
    return agent;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(changes.name ?? '');
    throw error;
  }
}

export async function removeAgent(deps: Deps, id: string): Promise<{ deleted: true }> {
  if (!(await deleteAgentById(deps.db, id))) throw new AppError('NOT_FOUND', `Agent ${id} does not exist.`);
  return { deleted: true };
}
