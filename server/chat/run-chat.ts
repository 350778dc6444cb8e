import { getCorpusVersion } from '@/db/queries/corpus-version';
import { activePath, findMessage, historyBefore, insertMessage, type PathMessage } from '@/db/queries/messages';
import { getSession } from '@/db/queries/sessions';
import { getVault } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { recordFailure, recordRetry, recordTokens } from '@/server/metrics/llm';
import { metrics } from '@/server/metrics/registry';
import { describeModelError } from '@/server/providers/describe-error';
import { citedFirst } from '@/server/rag/citations';
import type { Services } from '@/server/services';
import { requireAgent } from './agents';
import { searchFiltersOf, type RetrievalFilters } from './filters';
import { trimHistory, type HistoryMessage } from './history';
import { startModelStream, type ModelStream } from './model-stream';
import { nothingToSearch } from './nothing-to-search';
import { buildSystemPrompt, titleFromQuestion } from './prompt';
import { answerCacheKey, cacheAnswer, getCachedAnswer } from './response-cache';
import { noteWrite } from '@/server/read-routing';
import { retrievePassages } from './retrieve';
import { openSession } from './sessions';
import type { ChatMessageMetadata, ChatSource } from './types';

export interface ChatTurn {
  sessionId: string;
  /** The question; absent to answer the session's last question again (regenerate). */
  question?: string;
  /**
   * A question of this conversation that `question` replaces: the new one becomes its sibling (a new branch),
   * and the model sees the conversation as it was before the edited question.
   */
  editOf?: string | null;
  /** Searches this vault only; absent or null searches every vault (an agent's own vault wins). */
  vaultId?: string | null;
  agentId?: string | null;
  /** Only documents with any of these tags, of any of these types (inside the search, so top_k stays full). */
  filters?: RetrievalFilters;
  topK?: number;
  temperature?: number;
}

export interface ChatOutcome {
  status: 'complete' | 'failed' | 'stopped';
  text: string;
  error?: string;
  /** The sources as shown with the answer: the ones it cites first, the others marked `cited: false`. */
  sources: ChatSource[];
  metadata: ChatMessageMetadata;
}

/** A chat turn whose answer is ready to stream: retrieval done, the model's first token already in hand. */
export interface PreparedChat {
  sessionId: string;
  sources: ChatSource[];
  metadata: ChatMessageMetadata;
  /**
   * Yields the answer as it arrives and returns how it ended. The answer is stored when the generator ends,
   * however it ends: complete, stopped (the client stopped reading or aborted) or failed (with its reason).
   */
  answer: () => AsyncGenerator<string, ChatOutcome>;
}

type Deps = Pick<Services, 'db' | 'cache' | 'config' | 'providers' | 'logger'>;

/** How an answer ended, before it is stored. */
type Ending = Omit<ChatOutcome, 'metadata' | 'sources'>;

/** An answer cut short: by the user (stopped) or by REQUEST_TIMEOUT (failed, and said so). */
function interrupted(signal: AbortSignal, text: string): Ending {
  const timedOut = signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
  return timedOut
    ? { status: 'failed', text, error: 'The answer took longer than the request time limit (REQUEST_TIMEOUT).' }
    : { status: 'stopped', text };
}

// Cached answers are replayed in small pieces so every client sees the same streaming behaviour.
async function* replay(text: string): AsyncGenerator<string> {
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) yield piece;
}

/** The question as asked, trimmed: 422 when it is empty or longer than MAX_QUESTION_CHARS. */
function validQuestion(deps: Deps, asked: string): string {
  const question = asked.trim();
  if (!question) throw new AppError('VALIDATION_ERROR', 'Invalid request: message: must not be empty', [{ field: 'message', message: 'must not be empty' }]);
  const max = deps.config.maxQuestionChars;
  if (question.length > max) {
    throw new AppError('VALIDATION_ERROR', `Invalid request: message: must be at most ${max} characters`, [
      { field: 'message', message: `must be at most ${max} characters` },
    ]);
  }
  return question;
}

const completed = (path: PathMessage[], limit: number) =>
  path
    .filter((message) => message.status === 'complete')
    .slice(-limit)
    .map(({ role, content }) => ({ role, content }));

/**
 * The question to answer, the message it follows and the conversation before it. A new question follows the
 * end of the active branch; an edited one takes the place of the question it edits (a sibling); without a new
 * question, the active branch's last question is answered again and the new answer becomes a sibling version.
 */
async function resolveQuestion(
  deps: Deps,
  sessionKey: string,
  asked: string | undefined,
  editOf: string | null | undefined,
): Promise<{ question: string; history: HistoryMessage[]; parentId: string | null; regenerate: boolean }> {
  const { config, db } = deps;
  const limit = config.maxHistoryMessages;
  if (asked !== undefined && editOf) {
    const edited = await findMessage(db, sessionKey, editOf);
    if (!edited || edited.role !== 'user') throw new AppError('NOT_FOUND', 'The question you edited is not in this conversation.');
    return { question: asked, history: await historyBefore(db, sessionKey, edited.parentId, limit), parentId: edited.parentId, regenerate: false };
  }
  const path = await activePath(db, sessionKey);
  if (asked !== undefined) return { question: asked, history: completed(path, limit), parentId: path.at(-1)?.id ?? null, regenerate: false };
  const index = path.findLastIndex((message) => message.role === 'user');
  const last = path[index];
  if (!last) throw new AppError('VALIDATION_ERROR', 'There is no question to answer again in this conversation.');
  return { question: last.content, history: completed(path.slice(0, index), limit), parentId: last.id, regenerate: true };
}

/**
 * Everything before the first token: validate, open the session, store the question (before any model call, so
 * it is never lost), retrieve passages, and either find the answer in the response cache or start the model.
 * Throws AppErrors (422, 404, 502 when the model fails before answering, 503) for the HTTP layers to map.
 */
export async function prepareChat(deps: Deps, caller: UserCaller, turn: ChatTurn, signal: AbortSignal): Promise<PreparedChat> {
  const { config, providers, db, cache, logger } = deps;
  const started = performance.now();
  const asked = turn.question === undefined ? undefined : validQuestion(deps, turn.question);
  const agent = turn.agentId ? await requireAgent(deps, caller, turn.agentId) : null;
  if (!agent && turn.vaultId && !(await getVault(db, caller.userId, turn.vaultId))) {
    throw new AppError('NOT_FOUND', `Vault ${turn.vaultId} does not exist.`);
  }
  const vaultId = agent?.vaultId ?? turn.vaultId ?? null;
  const topK = turn.topK ?? config.defaultTopK;
  const temperature = turn.temperature ?? config.defaultTemperature;

  // Asking again needs the conversation to exist; a new question creates it.
  const existing = asked === undefined ? await getSession(db, caller.userId, turn.sessionId) : null;
  if (asked === undefined && !existing) throw new AppError('VALIDATION_ERROR', 'There is no question to answer again in this conversation.');
  const session = await openSession(deps, caller, {
    id: turn.sessionId,
    title: titleFromQuestion(asked ?? existing?.title ?? ''),
    vaultId: turn.vaultId ?? null,
    agentId: agent?.id ?? null,
  });
  const resolved = await resolveQuestion(deps, session.key, asked, turn.editOf);
  const { question, history: stored, regenerate } = resolved;
  // The answer follows its question: the one just stored, or (regenerating) the one answered again.
  const questionId = regenerate
    ? resolved.parentId
    : (await insertMessage(db, { sessionId: session.key, parentId: resolved.parentId, role: 'user', content: question })).id;
  const history = trimHistory(stored, config.historyTokenBudget);

  const instructions = agent?.systemPrompt ?? null;
  // With the response cache off there is no key to build, and no corpus version to read for it.
  const cacheKey =
    config.responseCacheTtlSeconds > 0
      ? answerCacheKey({
          // Answers are cached per user: what one may read, another may not.
          userId: caller.userId,
          question,
          vaultId,
          filters: turn.filters ?? null,
          instructions,
          topK,
          temperature,
          chatModel: providers.chat.model,
          embeddingModel: providers.embedding.model,
          corpusVersion: await getCorpusVersion(db),
          history,
        })
      : null;
  // Looked up before retrieval: a cached answer costs neither an embedding nor a search. Asking again
  // (regenerate) means wanting a new answer, not the cached one.
  const lookup = cacheKey !== null && !regenerate;
  const cached = lookup ? await getCachedAnswer(cache, cacheKey) : undefined;
  if (lookup) metrics().cacheRequests.inc({ cache: 'response', result: cached ? 'hit' : 'miss' });
  const baseMetadata: ChatMessageMetadata = { sessionId: session.id, offline: providers.offline, model: providers.chat.model };

  /** Stores the answer with the sources as shown with it: the ones it cites first. */
  const storeAnswer = async (outcome: Ending, extra: { cached: boolean; usage?: ChatMessageMetadata['usage'] }, retrieved: ChatSource[]) => {
    const latencyMs = Math.round(performance.now() - started);
    const shown = citedFirst(retrieved, outcome.text);
    const { id, createdAt } = await insertMessage(db, {
      sessionId: session.key,
      parentId: questionId,
      role: 'assistant',
      content: outcome.text,
      status: outcome.status,
      error: outcome.error ?? null,
      sources: shown,
      model: providers.chat.model,
      cached: extra.cached,
      promptTokens: extra.usage?.inputTokens ?? null,
      completionTokens: extra.usage?.outputTokens ?? null,
      latencyMs,
    });
    // A streamed answer is stored after its request's own read-your-writes mark: mark again.
    await noteWrite(deps, caller.userId);
    return {
      ...outcome,
      sources: shown,
      metadata: { ...baseMetadata, ...extra, messageId: id, status: outcome.status, error: outcome.error, latencyMs, createdAt: createdAt.toISOString() },
    } satisfies ChatOutcome;
  };

  let sources: ChatSource[];
  try {
    sources = cached ? cached.sources : await retrievePassages(deps, caller, { question, vaultId, filters: searchFiltersOf(turn.filters), topK, signal });
  } catch (error) {
    // The question could not be embedded: the conversation shows a failed answer saying why, as for a model
    // that fails before its first token, and the question stays stored to be asked again.
    if (!(error instanceof AppError) || error.code !== 'OPENAI_SERVICE_ERROR') throw error;
    metrics().chatAnswers.inc({ status: 'failed', cached: 'false' });
    await storeAnswer({ status: 'failed', text: '', error: error.message }, { cached: false }, []);
    throw error;
  }
  const store = (outcome: Ending, extra: { cached: boolean; usage?: ChatMessageMetadata['usage'] }) => storeAnswer(outcome, extra, sources);

  /** Streams `pieces` and stores the answer however the stream ends, even when the reader stops early. */
  const answerWith = (pieces: AsyncIterable<string>, extra: () => { cached: boolean; usage?: ChatMessageMetadata['usage'] }, cleanup = () => {}) =>
    async function* (): AsyncGenerator<string, ChatOutcome> {
      let text = '';
      let ended: Ending | null = null;
      let outcome: ChatOutcome | undefined;
      try {
        for await (const piece of pieces) {
          text += piece;
          yield piece;
        }
        ended = signal.aborted ? interrupted(signal, text) : { status: 'complete', text };
      } catch (error) {
        ended = signal.aborted ? interrupted(signal, text) : { status: 'failed', text, error: describeModelError(error) };
        if (!signal.aborted) logger.warn({ err: error, sessionId: session.id }, 'answer stream failed');
      } finally {
        // Still unset when the reader stopped early (the client went away): that is a stop.
        ended ??= { status: 'stopped', text };
        cleanup();
        const { cached: fromCache, usage } = extra();
        metrics().chatAnswers.inc({ status: ended.status, cached: String(fromCache) });
        if (!fromCache && modelAnswers) {
          metrics().llmDuration.observe({ operation: 'chat', model: providers.chat.model, outcome: ended.status }, (performance.now() - modelStarted) / 1000);
          if (usage) recordTokens(config.modelPrices, providers.chat.model, usage);
        }
        outcome = await store(ended, extra());
        if (outcome.status === 'complete' && !extra().cached && cacheKey !== null) {
          await cacheAnswer(cache, cacheKey, { text, sources: outcome.sources, model: providers.chat.model }, config.responseCacheTtlSeconds);
        }
      }
      return outcome;
    };

  let modelStarted = performance.now();
  // False when the answer is Docent's own words (nothing to search): no model call to measure.
  let modelAnswers = true;
  if (cached) {
    return {
      sessionId: session.id,
      sources: cached.sources,
      metadata: { ...baseMetadata, cached: true },
      answer: answerWith(replay(cached.text), () => ({ cached: true })),
    };
  }

  // Nothing retrieved: an empty vault says so (checked only then, so answering costs no extra query).
  const empty = sources.length === 0 ? await nothingToSearch(deps, caller.userId, vaultId) : null;
  if (empty) {
    modelAnswers = false;
    return { sessionId: session.id, sources, metadata: { ...baseMetadata, cached: false }, answer: answerWith(replay(empty), () => ({ cached: false })) };
  }

  let stream: ModelStream;
  modelStarted = performance.now();
  try {
    stream = await startModelStream({
      model: providers.chatModel,
      system: buildSystemPrompt(instructions, sources),
      messages: [...history, { role: 'user', content: question }],
      temperature,
      timeoutMs: config.llmTimeoutMs,
      maxRetries: config.llmMaxRetries,
      signal,
      onRetry: (error) => recordRetry('chat', error),
    });
    metrics().timeToFirstToken.observe({ model: providers.chat.model }, (performance.now() - modelStarted) / 1000);
  } catch (error) {
    recordFailure('chat', error);
    metrics().chatAnswers.inc({ status: signal.aborted ? 'stopped' : 'failed', cached: 'false' });
    const reason = signal.aborted ? 'The request was cancelled before the answer started.' : describeModelError(error);
    await store({ status: signal.aborted ? 'stopped' : 'failed', text: '', error: reason }, { cached: false });
    if (signal.aborted) throw new AppError('CHAT_GENERATION_ERROR', reason, null, { cause: error });
    throw new AppError('OPENAI_SERVICE_ERROR', reason, null, { cause: error });
  }
  const model = stream;
  async function* modelPieces() {
    if (model.first) yield model.first;
    yield* model.rest;
  }
  return {
    sessionId: session.id,
    sources,
    metadata: { ...baseMetadata, cached: false },
    answer: answerWith(modelPieces(), () => ({ cached: false, usage: model.usage() }), () => model.cancel()),
  };
}
