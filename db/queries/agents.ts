import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { readableVaults } from './access';
import { agents, vaults } from '../schema';

export interface Agent {
  id: string;
  name: string;
  description: string | null;
  systemPrompt: string;
  vaultId: string | null;
  vaultName: string | null;
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgentInput {
  name: string;
  description?: string | null;
  systemPrompt: string;
  vaultId?: string | null;
}

const agentColumns = {
  id: agents.id,
  name: agents.name,
  description: agents.description,
  systemPrompt: agents.systemPrompt,
  vaultId: agents.vaultId,
  vaultName: vaults.name,
  ownerId: agents.ownerId,
  createdAt: agents.createdAt,
  updatedAt: agents.updatedAt,
};

/**
 * Agents `userId` may use: their own, and those bound to a vault they may read (a shared vault's assistant is
 * shared with it). Only the owner changes or deletes one.
 */
function selectAgents(db: Database, userId: string, where?: SQL) {
  const usable = or(eq(agents.ownerId, userId), sql`${agents.vaultId} IN ${readableVaults(userId)}`);
  return db.orm
    .select(agentColumns)
    .from(agents)
    .leftJoin(vaults, eq(vaults.id, agents.vaultId))
    .where(and(usable, where))
    .$dynamic();
}

export function listAgents(db: Database, userId: string): Promise<Agent[]> {
  return selectAgents(db, userId).orderBy(asc(sql`lower(${agents.name})`));
}

export async function getAgent(db: Database, userId: string, id: string): Promise<Agent | null> {
  const [row] = await selectAgents(db, userId, eq(agents.id, id));
  return row ?? null;
}

/** Null when the owner already has an agent of that name (case-insensitively). */
export async function insertAgent(db: Database, ownerId: string, input: AgentInput): Promise<Agent | null> {
  const [row] = await db.orm
    .insert(agents)
    .values({ ...input, ownerId, description: input.description ?? null, vaultId: input.vaultId ?? null })
    .onConflictDoNothing()
    .returning({ id: agents.id });
  return row ? getAgent(db, ownerId, row.id) : null;
}

const ownAgent = (ownerId: string, id: string) => and(eq(agents.id, id), eq(agents.ownerId, ownerId));

export async function updateAgentById(db: Database, ownerId: string, id: string, changes: Partial<AgentInput>): Promise<Agent | null> {
  const [row] = await db.orm
    .update(agents)
    .set({ ...changes, updatedAt: new Date() })
    .where(ownAgent(ownerId, id))
    .returning({ id: agents.id });
  return row ? getAgent(db, ownerId, row.id) : null;
}

export async function deleteAgentById(db: Database, ownerId: string, id: string): Promise<boolean> {
  const deleted = await db.orm.delete(agents).where(ownAgent(ownerId, id)).returning({ id: agents.id });
  return deleted.length > 0;
}
