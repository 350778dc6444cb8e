import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { agents, vaults } from '../schema';

export interface Agent {
  id: string;
  name: string;
  description: string | null;
  systemPrompt: string;
  vaultId: string | null;
  vaultName: string | null;
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
  createdAt: agents.createdAt,
  updatedAt: agents.updatedAt,
};

function selectAgents(db: Database) {
  return db.orm.select(agentColumns).from(agents).leftJoin(vaults, eq(vaults.id, agents.vaultId)).$dynamic();
}

export function listAgents(db: Database): Promise<Agent[]> {
  return selectAgents(db).orderBy(asc(sql`lower(${agents.name})`));
}

export async function getAgent(db: Database, id: string): Promise<Agent | null> {
  const [row] = await selectAgents(db).where(eq(agents.id, id));
  return row ?? null;
}

/** Null when an agent of that name (case-insensitively) exists. */
export async function insertAgent(db: Database, input: AgentInput): Promise<Agent | null> {
  const [row] = await db.orm
    .insert(agents)
    .values({ ...input, description: input.description ?? null, vaultId: input.vaultId ?? null })
    .onConflictDoNothing()
    .returning({ id: agents.id });
  return row ? getAgent(db, row.id) : null;
}

export async function updateAgentById(db: Database, id: string, changes: Partial<AgentInput>): Promise<Agent | null> {
  const [row] = await db.orm
    .update(agents)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(agents.id, id))
    .returning({ id: agents.id });
  return row ? getAgent(db, row.id) : null;
}

export async function deleteAgentById(db: Database, id: string): Promise<boolean> {
  const deleted = await db.orm.delete(agents).where(eq(agents.id, id)).returning({ id: agents.id });
  return deleted.length > 0;
}
