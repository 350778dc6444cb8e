import { deleteAgentById, getAgent, insertAgent, listAgents, updateAgentById, type Agent, type AgentInput } from '@/db/queries/agents';
import { isUniqueViolation } from '@/db/errors';
import { getVault } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

const nameTaken = (name: string) =>
  new AppError('VALIDATION_ERROR', `You already have an agent named "${name}".`, [{ field: 'name', message: 'already taken' }]);

const notFound = (id: string) => new AppError('NOT_FOUND', `Agent ${id} does not exist.`);

async function checkVault(deps: Deps, caller: UserCaller, vaultId: string | null | undefined): Promise<void> {
  if (vaultId && !(await getVault(deps.db, caller.userId, vaultId))) throw new AppError('NOT_FOUND', `Vault ${vaultId} does not exist.`);
}

export function listUsableAgents(deps: Deps, caller: UserCaller): Promise<Agent[]> {
  return listAgents(deps.db, caller.userId);
}

export async function requireAgent(deps: Deps, caller: UserCaller, id: string): Promise<Agent> {
  const agent = await getAgent(deps.db, caller.userId, id);
  if (!agent) throw notFound(id);
  return agent;
}

export async function createAgent(deps: Deps, caller: UserCaller, input: AgentInput): Promise<Agent> {
  await checkVault(deps, caller, input.vaultId);
  const agent = await insertAgent(deps.db, caller.userId, input);
  if (!agent) throw nameTaken(input.name);
  return agent;
}

export async function updateAgent(deps: Deps, caller: UserCaller, id: string, changes: Partial<AgentInput>): Promise<Agent> {
  await checkVault(deps, caller, changes.vaultId);
  try {
    const agent = await updateAgentById(deps.db, caller.userId, id, changes);
    if (!agent) throw notFound(id);
    return agent;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(changes.name ?? '');
    throw error;
  }
}

export async function removeAgent(deps: Deps, caller: UserCaller, id: string): Promise<{ deleted: true }> {
  if (!(await deleteAgentById(deps.db, caller.userId, id))) throw notFound(id);
  return { deleted: true };
}
