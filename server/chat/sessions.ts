import { readerFor } from '@/server/read-routing';
import { conversationMessages, selectBranch, type MessageRecord } from '@/db/queries/messages';
import {
  deleteSessionById,
  ensureSession,
  getSession,
  listSessions,
  updateSession,
  type SessionRecord,
  type SessionSummary,
} from '@/db/queries/sessions';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { metrics } from '@/server/metrics/registry';
import type { Services } from '@/server/services';
import type { ChatMessageMetadata, ChatSource, ChatUIMessage } from './types';

type Deps = Pick<Services, 'db' | 'cache' | 'config'>;

// Keyed by user as well: two users' conversations called "test" are two conversations.
const cacheKey = (userId: string, id: string) => `session:${userId}:${id}`;

/** Session metadata through the session cache: a chat turn on a known session costs no read. */
async function findSession(deps: Deps, caller: UserCaller, id: string): Promise<SessionRecord | null> {
  const cached = await deps.cache.get<SessionRecord>(cacheKey(caller.userId, id));
  metrics().cacheRequests.inc({ cache: 'session', result: cached ? 'hit' : 'miss' });
  if (cached) return cached;
  const session = await getSession(deps.db, caller.userId, id);
  if (session) await remember(deps, caller, session);
  return session;
}

async function remember(deps: Deps, caller: UserCaller, session: SessionRecord): Promise<void> {
  if (deps.config.sessionCacheTtlSeconds > 0) {
    await deps.cache.set(cacheKey(caller.userId, session.id), session, deps.config.sessionCacheTtlSeconds);
  }
}

const notFound = (id: string) => new AppError('SESSION_NOT_FOUND', `Conversation ${id} does not exist.`);

/**
 * The caller's session a chat turn runs in: created on first use (as the original did), its vault and agent kept
 * current. Another user's conversation of the same id is never touched: the caller gets their own.
 */
export async function openSession(
  deps: Deps,
  caller: UserCaller,
  input: { id: string; title: string; vaultId: string | null; agentId: string | null },
): Promise<SessionRecord> {
  let session = await findSession(deps, caller, input.id);
  if (!session) {
    session = await ensureSession(deps.db, caller.userId, input);
  } else if (session.vaultId !== input.vaultId || session.agentId !== input.agentId) {
    session = (await updateSession(deps.db, caller.userId, input.id, { vaultId: input.vaultId, agentId: input.agentId })) ?? session;
  } else {
    return session;
  }
  await remember(deps, caller, session);
  return session;
}

export async function listConversations(deps: Deps, caller: UserCaller, limit = 100) {
  return listSessions(await readerFor(deps, caller.userId), caller.userId, { limit });
}

export async function renameSession(deps: Deps, caller: UserCaller, id: string, title: string): Promise<SessionSummary> {
  const session = await updateSession(deps.db, caller.userId, id, { title });
  if (!session) throw notFound(id);
  await deps.cache.delete(cacheKey(caller.userId, id));
  const { key: _key, ...summary } = session;
  return summary;
}

export async function deleteSession(deps: Deps, caller: UserCaller, id: string): Promise<{ deleted: true }> {
  await deps.cache.delete(cacheKey(caller.userId, id));
  if (!(await deleteSessionById(deps.db, caller.userId, id))) throw notFound(id);
  return { deleted: true };
}

/** A stored message in the shape the chat UI (AI SDK `useChat`) renders. */
function toUIMessage(sessionId: string, message: MessageRecord): ChatUIMessage {
  const sources = (message.sources ?? []) as ChatSource[];
  const metadata: ChatMessageMetadata = {
    sessionId,
    messageId: message.id,
    status: message.status as ChatMessageMetadata['status'],
    error: message.error ?? undefined,
    cached: message.cached,
    offline: message.model?.startsWith('docent-') ?? false,
    model: message.model ?? undefined,
    latencyMs: message.latencyMs ?? undefined,
    usage:
      message.promptTokens !== null || message.completionTokens !== null
        ? { inputTokens: message.promptTokens ?? undefined, outputTokens: message.completionTokens ?? undefined }
        : undefined,
    createdAt: message.createdAt.toISOString(),
    siblingIds: message.siblingIds,
    feedback: message.rating === null ? null : { rating: message.rating as 1 | -1, comment: message.feedbackComment },
  };
  return {
    id: message.id,
    role: message.role as 'user' | 'assistant',
    metadata,
    parts: [
      ...(sources.length > 0 ? [{ type: 'data-sources' as const, id: `sources-${message.id}`, data: sources }] : []),
      ...(message.content ? [{ type: 'text' as const, text: message.content, state: 'done' as const }] : []),
    ],
  };
}

/** One of the caller's conversations with its messages, or null for an id they have not used (a new chat). */
export async function getConversation(deps: Deps, caller: UserCaller, id: string) {
  const session = await getSession(deps.db, caller.userId, id);
  if (!session) return null;
  const messages = await conversationMessages(deps.db, caller.userId, id);
  const { key: _key, ...visible } = session;
  return { ...visible, messages: messages.map((m) => toUIMessage(id, m)) };
}

/** Shows another branch of the conversation (an earlier edit or answer version) and returns it as now shown. */
export async function showBranch(deps: Deps, caller: UserCaller, id: string, messageId: string) {
  if (!(await selectBranch(deps.db, caller.userId, id, messageId))) {
    throw new AppError('NOT_FOUND', 'That message is not in this conversation.');
  }
  return (await getConversation(deps, caller, id))!;
}
