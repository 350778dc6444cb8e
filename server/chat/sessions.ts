import { sessionMessages, type MessageRecord } from '@/db/queries/messages';
import {
  deleteSessionById,
  ensureSession,
  getSession,
  listSessions,
  updateSession,
  type SessionRecord,
} from '@/db/queries/sessions';
import { AppError } from '@/server/errors';
import { metrics } from '@/server/metrics/registry';
import type { Services } from '@/server/services';
import type { ChatMessageMetadata, ChatSource, ChatUIMessage } from './types';

type Deps = Pick<Services, 'db' | 'cache' | 'config'>;

const cacheKey = (id: string) => `session:${id}`;

/** Session metadata through the session cache: a chat turn on a known session costs no read. */
async function findSession(deps: Deps, id: string): Promise<SessionRecord | null> {
  const cached = await deps.cache.get<SessionRecord>(cacheKey(id));
  metrics().cacheRequests.inc({ cache: 'session', result: cached ? 'hit' : 'miss' });
  if (cached) return cached;
  const session = await getSession(deps.db, id);
  if (session) await remember(deps, session);
  return session;
}

async function remember(deps: Deps, session: SessionRecord): Promise<void> {
  if (deps.config.sessionCacheTtlSeconds > 0) {
    await deps.cache.set(cacheKey(session.id), session, deps.config.sessionCacheTtlSeconds);
  }
}

/** The session a chat turn runs in: created on first use (as the original did), its vault and agent kept current. */
export async function openSession(
  deps: Deps,
  input: { id: string; title: string; vaultId: string | null; agentId: string | null },
): Promise<SessionRecord> {
  let session = await findSession(deps, input.id);
  if (!session) {
    session = await ensureSession(deps.db, input);
  } else if (session.vaultId !== input.vaultId || session.agentId !== input.agentId) {
    session = (await updateSession(deps.db, input.id, { vaultId: input.vaultId, agentId: input.agentId })) ?? session;
  } else {
    return session;
  }
  await remember(deps, session);
  return session;
}

export function listConversations(deps: Deps, limit = 100) {
  return listSessions(deps.db, { limit });
}

export async function renameSession(deps: Deps, id: string, title: string): Promise<SessionRecord> {
  const session = await updateSession(deps.db, id, { title });
  if (!session) throw new AppError('SESSION_NOT_FOUND', `Conversation ${id} does not exist.`);
  await deps.cache.delete(cacheKey(id));
  return session;
}

export async function deleteSession(deps: Deps, id: string): Promise<{ deleted: true }> {
  await deps.cache.delete(cacheKey(id));
  if (!(await deleteSessionById(deps.db, id))) throw new AppError('SESSION_NOT_FOUND', `Conversation ${id} does not exist.`);
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

/** A conversation with its messages, or null for an id not used yet (a new chat). */
export async function getConversation(deps: Deps, id: string) {
  const session = await getSession(deps.db, id);
  if (!session) return null;
  const messages = await sessionMessages(deps.db, id);
  return { ...session, messages: messages.map((m) => toUIMessage(id, m)) };
}
