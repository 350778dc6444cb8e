import { z } from 'zod';
import { id as uuid } from '@/server/documents/schemas';
import { requireUser } from '@/server/auth/caller';
import { parseRetrievalFilters } from '@/server/chat/filters';
import { prepareChat, type ChatTurn, type PreparedChat } from '@/server/chat/run-chat';
import type { ChatSource } from '@/server/chat/types';
import { chatUIResponse } from '@/server/chat/ui-stream';
import { getServices } from '@/server/services';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

const sessionId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const chatConfig = z
  .object({
    top_k: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
    temperature: z.number().min(0, 'must be at least 0').max(2, 'must be at most 2').optional(),
  })
  .nullish();

/** The original service's POST /chat body. */
const compatBody = z.object({
  session_id: sessionId,
  message: z.string(),
  config: chatConfig,
  vault_id: uuid.nullish(),
  agent_id: uuid.nullish(),
  /** `{ tags?, types? }`, checked by parseRetrievalFilters (unknown keys are a 400). */
  filters: z.unknown().optional(),
});

/** POST /api/chat, sent by the browser's `useChat` transport. */
const uiBody = z.object({
  sessionId,
  trigger: z.enum(['submit-message', 'regenerate-message']),
  message: z
    .object({ parts: z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()) })
    .passthrough()
    .optional(),
  vaultId: uuid.nullish(),
  agentId: uuid.nullish(),
  filters: z.unknown().optional(),
  /** Edit and resend: the stored question this message replaces. */
  editOf: uuid.nullish(),
  config: z.object({ topK: z.number().int().min(1).max(50).optional(), temperature: z.number().min(0).max(2).optional() }).nullish(),
});

/** The client's disconnect or stop button, and REQUEST_TIMEOUT, both end the answer. */
function chatSignal(request: Request, timeoutMs: number): AbortSignal {
  return AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
}

function compatSource(source: ChatSource) {
  return {
    document_id: source.documentId,
    title: source.title,
    snippet: source.snippet,
    score: source.score,
    cited: source.cited,
    n: source.n,
    chunk_id: source.chunkId,
    chunk_ordinal: source.ordinal,
    page_start: source.pageStart,
    page_end: source.pageEnd,
  };
}

export const postChatStream: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, uiBody, services.config.maxRequestBytes);
  const question =
    body.trigger === 'submit-message'
      ? (body.message?.parts ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('')
      : undefined;
  const turn: ChatTurn = {
    sessionId: body.sessionId,
    question: body.trigger === 'submit-message' ? question ?? '' : undefined,
    editOf: body.trigger === 'submit-message' ? body.editOf : undefined,
    vaultId: body.vaultId,
    agentId: body.agentId,
    filters: parseRetrievalFilters(body.filters),
    topK: body.config?.topK,
    temperature: body.config?.temperature,
  };
  const prepared = await prepareChat(services, requireUser(caller), turn, chatSignal(request, services.config.requestTimeoutMs));
  return chatUIResponse(prepared);
};

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Server-sent events for clients of POST /chat that ask for `text/event-stream`. */
function sseResponse(prepared: PreparedChat): Response {
  const encoder = new TextEncoder();
  const answer = prepared.answer();
  const sources = prepared.sources.map(compatSource);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(sse('sources', { session_id: prepared.sessionId, sources, cached: prepared.metadata.cached ?? false })));
    },
    async pull(controller) {
      const next = await answer.next();
      if (!next.done) {
        controller.enqueue(encoder.encode(sse('token', { text: next.value })));
        return;
      }
      const outcome = next.value;
      controller.enqueue(
        encoder.encode(
          outcome.status === 'failed'
            ? sse('error', { error: outcome.error, code: 'OPENAI_SERVICE_ERROR', session_id: prepared.sessionId, answer: outcome.text })
            : sse('done', { session_id: prepared.sessionId, answer: outcome.text, sources: outcome.sources.map(compatSource), status: outcome.status, cached: outcome.metadata.cached ?? false }),
        ),
      );
      controller.close();
    },
    async cancel() {
      // The client went away: ending the generator stores the answer as stopped.
      await answer.return(undefined as never);
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' },
  });
}

/** POST /chat, the original contract: `{session_id, answer, sources}`, or SSE when the client asks for it. */
export const postChat: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const body = await readJson(request, compatBody, services.config.maxRequestBytes);
  const prepared = await prepareChat(
    services,
    requireUser(caller),
    {
      sessionId: body.session_id,
      question: body.message,
      vaultId: body.vault_id,
      agentId: body.agent_id,
      filters: parseRetrievalFilters(body.filters),
      topK: body.config?.top_k,
      temperature: body.config?.temperature,
    },
    chatSignal(request, services.config.requestTimeoutMs),
  );
  if ((request.headers.get('accept') ?? '').includes('text/event-stream')) return sseResponse(prepared);

  const answer = prepared.answer();
  let next = await answer.next();
  while (!next.done) next = await answer.next();
  const outcome = next.value;
  if (outcome.status === 'failed') {
    return Response.json(
      { error: outcome.error ?? 'The answer failed.', detail: { session_id: prepared.sessionId, partial_answer: outcome.text }, code: 'OPENAI_SERVICE_ERROR' },
      { status: 502 },
    );
  }
  return Response.json({
    session_id: prepared.sessionId,
    answer: outcome.text,
    sources: outcome.sources.map(compatSource),
    cached: outcome.metadata.cached ?? false,
    message_id: outcome.metadata.messageId,
  });
};
