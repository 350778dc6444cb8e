import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

export type { ChatRequestBody, ChatSource, ChatUIMessage } from '@/server/chat/types';

type RouterOutputs = inferRouterOutputs<AppRouter>;

export type SessionSummary = RouterOutputs['sessions']['list'][number];
export type VaultOption = RouterOutputs['vaults']['list'][number];

/**
 * What a conversation is asked against: a vault (null: all of them) and optionally an agent, and optionally only
 * documents with one of `tags` or of one of `types` (kept for the conversation while it is open).
 */
export interface ChatSelection {
  vaultId: string | null;
  agentId: string | null;
  tags?: string[];
  types?: string[];
}

/** All vaults, no agent: where a new conversation starts until the user picks something. */
export const NO_SELECTION: ChatSelection = { vaultId: null, agentId: null };

export type AgentOption = RouterOutputs['agents']['list'][number];
