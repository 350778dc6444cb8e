/**
 * An OpenAI-compatible fake HTTP server for tests and benchmarks.
 *
 * It implements only POST /v1/embeddings and POST /v1/chat/completions, on purpose: self-hosted
 * OpenAI-compatible servers (Ollama, vLLM, LM Studio...) often have nothing else, so anything
 * else, notably /v1/responses, answers 404 and the app is forced to stay on those two routes.
 * And POST /v1/rerank, the shape Cohere (v1), Jina, vLLM and Hugging Face TEI serve, for RERANK_MODEL.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FakeOpenAIOptions {
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Vector length when a request has no `dimensions`; default 1536 (text-embedding-3-small). */
  embeddingDimensions?: number;
  /** Delay before every response; default 0. */
  delayMs?: number;
  /** The vector for a text; default `fakeEmbedding` (deterministic, unrelated to any corpus). */
  embed?: (text: string, dimensions: number) => number[];
}

/** A rerank score for a document; default `fakeRelevance` (shared question words over document length). */
type FakeRelevance = (query: string, document: string) => number;

interface FakeOpenAICalls {
  embeddings: number;
  /** Every chat completion request, streamed or not. */
  chat: number;
  /** The streamed subset of `chat`. */
  chatStream: number;
  rerank: number;
  /** Sum of the inputs of all well-formed embedding requests. */
  inputsEmbedded: number;
  /** Requests to any other method/path (answered 404). */
  unknown: number;
}

type FakeFault =
  /** OpenAI-style error JSON with this status (and a retry-after header if given). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** Never answer; the connection is destroyed by close(). */
  | { kind: 'hang' }
  /** Answer normally after `ms` (on top of the server delay). */
  | { kind: 'delay'; ms: number }
  /** Streamed chat: role chunk + N content chunks, then destroy the socket. Otherwise destroy at once. */
  | { kind: 'cut-stream'; afterChunks: number }
  /** Streamed chat: role chunk + N content chunks, then silence with the connection open (until close()). */
  | { kind: 'stall-stream'; afterChunks: number }
  /** Streamed chat: the whole answer, one chunk every `chunkDelayMs` (a model that writes at reading pace). */
  | { kind: 'slow-stream'; chunkDelayMs: number }
  /** 200 with a body that is not the endpoint's shape (rerank: results without scores, an index out of range). */
  | { kind: 'malformed' };

export type FakeChatRequest = { messages: Array<{ role: string; content: unknown }>; model: string };

export interface FakeOpenAI {
  /** Base URL including /v1, e.g. http://127.0.0.1:43123/v1 (what OPENAI_BASE_URL takes). */
  url: string;
  /** Incremented on every request received, faulted ones included. */
  calls: FakeOpenAICalls;
  /** Every request received; `body` is the parsed JSON, or the raw text if it was not JSON. */
  requests: Array<{ method: string; path: string; body: unknown; headers: Record<string, string | string[] | undefined> }>;
  /** The next matching requests get these faults, in order. 'any' matches every route. */
  failNext(route: Route | 'any', ...faults: FakeFault[]): void;
  /** How /v1/rerank scores a document for a query; default `fakeRelevance`. */
  setRelevance(score: FakeRelevance): void;
  /** Chat answer text; default `Fake answer: ${last user message text}`. */
  setReply(reply: string | ((req: FakeChatRequest) => string)): void;
  setDelay(ms: number): void;
  /** Counters, requests, queued faults, reply and delay back to their defaults. */
  reset(): void;
  close(): Promise<void>;
}

type Route = 'embeddings' | 'chat' | 'rerank';
type Json = Record<string, unknown>;

const MAX_EMBEDDING_INPUTS = 2048; // OpenAI's per-request limit (also the AI SDK's maxEmbeddingsPerCall)

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const defaultDimensions = options.embeddingDimensions ?? 1536;
  const closing = new AbortController(); // cancels pending delays so close() never waits on them
  let faults: Array<{ route: Route | 'any'; fault: FakeFault }> = [];
  let reply: (req: FakeChatRequest) => string = defaultReply;
  let relevance: FakeRelevance = fakeRelevance;
  let delayMs = options.delayMs ?? 0;
  const embed = options.embed ?? fakeEmbedding;
  let nextId = 0;

  const fake: FakeOpenAI = {
    url: '',
    calls: zeroCalls(),
    requests: [],
    failNext: (route, ...list) => void faults.push(...list.map((fault) => ({ route, fault }))),
    setReply: (r) => void (reply = typeof r === 'string' ? () => r : r),
    setDelay: (ms) => void (delayMs = ms),
    setRelevance: (score) => void (relevance = score),
    reset() {
      // Mutate in place: callers may hold references to `calls` / `requests`.
      Object.assign(fake.calls, zeroCalls());
      fake.requests.length = 0;
      faults = [];
      reply = defaultReply;
      relevance = fakeRelevance;
      delayMs = options.delayMs ?? 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve()); // also called (with an error) if already closed
        server.closeAllConnections(); // hung requests, open streams and idle keep-alive sockets
      }),
  };

  function takeFault(route: Route): FakeFault | undefined {
    const i = faults.findIndex((f) => f.route === route || f.route === 'any');
    return i < 0 ? undefined : faults.splice(i, 1)[0]?.fault;
  }

  /**
   * Remote control for a fake running in another process (the e2e's): `POST /_control/reply {text}`,
   * `POST /_control/fail-next {route, faults}` and `POST /_control/reset` do what the methods of the same name do.
   */
  function control(path: string, body: Json, res: ServerResponse): void {
    if (path === '/_control/reply') fake.setReply(typeof body.text === 'string' ? body.text : defaultReply);
    else if (path === '/_control/fail-next') fake.failNext(body.route as Route | 'any', ...((body.faults ?? []) as FakeFault[]));
    else if (path === '/_control/reset') fake.reset();
    else return sendError(res, 404, `Unknown control ${path}`);
    res.writeHead(204).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const json = parseJsonObject(raw);
    if (req.method === 'POST' && path.startsWith('/_control/')) return control(path, json ?? {}, res);
    fake.requests.push({ method: req.method ?? '', path, body: json ?? raw, headers: req.headers });

    const route: Route | undefined =
      req.method !== 'POST' ? undefined
      : path === '/v1/embeddings' ? 'embeddings'
      : path === '/v1/chat/completions' ? 'chat'
      : path === '/v1/rerank' ? 'rerank'
      : undefined;
    const inputs = route === 'embeddings' ? embeddingInputs(json?.input) : undefined;
    if (route === 'embeddings') {
      fake.calls.embeddings++;
      fake.calls.inputsEmbedded += inputs?.length ?? 0;
    } else if (route === 'rerank') {
      fake.calls.rerank++;
    } else if (route === 'chat') {
      fake.calls.chat++;
      if (json?.stream === true) fake.calls.chatStream++;
    } else {
      fake.calls.unknown++;
    }

    const fault = route && takeFault(route);
    const wait = delayMs + (fault?.kind === 'delay' ? fault.ms : 0);
    if (wait > 0) await sleep(wait, undefined, { signal: closing.signal });

    if (!route) return sendError(res, 404, `Invalid URL (${req.method} ${path})`);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      return sendError(res, fault.status, fault.message ?? `Fake error ${fault.status}`, fault.retryAfterSeconds);
    }
    if ((fault?.kind === 'cut-stream' || fault?.kind === 'stall-stream') && json?.stream !== true) return void res.destroy();
    const chunkDelayMs = fault?.kind === 'slow-stream' ? fault.chunkDelayMs : 0;
    if (!json) return sendError(res, 400, 'We could not parse the JSON body of your request.');
    if (typeof json.model !== 'string' || !json.model) return sendError(res, 400, 'you must provide a model parameter');
    if (route === 'rerank') return answerRerank(res, json, fault?.kind === 'malformed');

    if (route === 'embeddings') {
      if (!inputs) return sendError(res, 400, "'input' must be a non-empty string, array of strings or array of token arrays");
      if (inputs.length > MAX_EMBEDDING_INPUTS) {
        return sendError(res, 400, `'input' must have at most ${MAX_EMBEDDING_INPUTS} items, got ${inputs.length}`);
      }
      const dimensions = json.dimensions ?? defaultDimensions;
      if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1) {
        return sendError(res, 400, "'dimensions' must be a positive integer");
      }
      const base64 = json.encoding_format === 'base64';
      const tokens = countTokens(inputs.join(' '));
      return sendJson(res, 200, {
        object: 'list',
        data: inputs.map((text, index) => {
          const vector = embed(text, dimensions);
          return { object: 'embedding', index, embedding: base64 ? toBase64Float32(vector) : vector };
        }),
        model: json.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    }

    if (!Array.isArray(json.messages) || json.messages.length === 0) {
      return sendError(res, 400, "'messages' must be a non-empty array");
    }
    const chatReq: FakeChatRequest = { model: json.model, messages: json.messages };
    const text = reply(chatReq);
    const promptTokens = countTokens(chatReq.messages.map((m) => contentText(m.content)).join(' '));
    const completionTokens = countTokens(text);
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    const id = `chatcmpl-fake-${++nextId}`;
    const created = Math.floor(Date.now() / 1000);
    const head = (object: string) => ({ id, object, created, model: json.model, system_fingerprint: 'fp_fake' });

    if (json.stream !== true) {
      return sendJson(res, 200, {
        ...head('chat.completion'),
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage,
      });
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // Resolves once written, so a cut stream can deliver its chunks before the abrupt end.
    const event = (data: unknown) =>
      new Promise<void>((resolve) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`, () => resolve()));
    const chunk = (delta: Json, finishReason: string | null = null) =>
      event({ ...head('chat.completion.chunk'), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });

    // Word-sized deltas that concatenate back to `text`, after the role delta.
    const deltas = [{ role: 'assistant', content: '' }, ...(text.match(/\s*\S+\s*/g) ?? []).map((content) => ({ content }))];
    if (fault?.kind === 'cut-stream' || fault?.kind === 'stall-stream') {
      await Promise.all(deltas.slice(0, 1 + fault.afterChunks).map((delta) => chunk(delta)));
      if (fault.kind === 'cut-stream') res.destroy(); // no finish chunk, no [DONE]
      return;
    }
    let clientGone = false;
    res.once('close', () => (clientGone = true));
    for (const delta of deltas) {
      if (chunkDelayMs > 0) {
        await sleep(chunkDelayMs, undefined, { signal: closing.signal });
        if (clientGone) return; // the client stopped reading
      }
      void chunk(delta);
    }
    void chunk({}, 'stop');
    if ((json.stream_options as Json | undefined)?.include_usage === true) {
      void event({ ...head('chat.completion.chunk'), choices: [], usage });
    }
    void event('[DONE]');
    res.end();
  }

  function answerRerank(res: ServerResponse, json: Json, malformed: boolean): void {
    const { query, documents } = json;
    if (typeof query !== 'string' || !Array.isArray(documents) || !documents.every((d) => typeof d === 'string')) {
      return sendError(res, 400, "'query' must be a string and 'documents' an array of strings");
    }
    if (malformed) return sendJson(res, 200, { results: [{ index: documents.length + 5 }], note: 'malformed on purpose' });
    const topN = typeof json.top_n === 'number' ? json.top_n : documents.length;
    const results = documents
      .map((document, index) => ({ index, relevance_score: relevance(query, document) }))
      .sort((a, b) => b.relevance_score - a.relevance_score)
      .slice(0, topN);
    sendJson(res, 200, { id: `rerank-fake-${++nextId}`, model: json.model, results, usage: { total_tokens: countTokens(`${query} ${documents.join(' ')}`) } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (closing.signal.aborted) return; // a delay cut short by close()
      if (res.headersSent) return void res.destroy();
      sendError(res, 500, `Fake OpenAI server bug: ${err instanceof Error ? err.stack : String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  fake.url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/v1`;
  return fake;
}

/**
 * The deterministic, L2-normalised vector the server returns for `text`.
 * Each word adds a few hashed ±1 features, so texts sharing words get a positive cosine
 * similarity and retrieval tests rank lexically; a small dense component seeded from the
 * sha256 of the whole text keeps distinct texts (and word-less ones) from colliding.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const random = mulberry32(sha256(text).readUInt32LE(0));
  const vector = Array.from({ length: dimensions }, () => 0.01 * (random() * 2 - 1));
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = sha256(word);
    for (let i = 0; i < 4; i++) {
      const k = h.readUInt32LE(i * 4) % dimensions;
      vector[k] = (vector[k] ?? 0) + (h.readUInt8(16 + i) & 1 ? 1 : -1);
    }
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return vector.map((x) => x / norm);
}

/** Like a cross-encoder, crudely: the share of the query's words found in the document, over the document's length. */
function fakeRelevance(query: string, document: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const inDocument = new Set(words(document));
  const asked = [...new Set(words(query))];
  const shared = asked.filter((w) => inDocument.has(w)).length;
  return asked.length === 0 ? 0 : shared / asked.length / Math.log2(2 + inDocument.size / 50);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Small seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** OpenAI's encoding_format=base64: little-endian float32 array. */
function toBase64Float32(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

/** Inputs as texts; token arrays (number[] or number[][]) become their ids joined by spaces. */
function embeddingInputs(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((x) => typeof x === 'string')) return input;
  if (input.every((x) => typeof x === 'number')) return [input.join(' ')];
  if (input.every((x) => Array.isArray(x) && x.every((n) => typeof n === 'number'))) return input.map((t: number[]) => t.join(' '));
  return undefined;
}

/** Message content is a string or an array of parts ({type:'text', text}, images...). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { type?: unknown; text?: unknown }) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

function defaultReply({ messages }: FakeChatRequest): string {
  const lastUser = messages.filter((m) => m?.role === 'user').pop();
  return `Fake answer: ${contentText(lastUser?.content)}`;
}

/** Whitespace words, at least 1 so usage always looks real. */
function countTokens(text: string): number {
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}

function zeroCalls(): FakeOpenAICalls {
  return { embeddings: 0, chat: 0, chatStream: 0, rerank: 0, inputsEmbedded: 0, unknown: 0 };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonObject(raw: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** OpenAI's error shape, which the AI SDK parses into APICallError (message, retryability). */
function sendError(res: ServerResponse, status: number, message: string, retryAfterSeconds?: number): void {
  const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const code = status === 429 ? 'rate_limit_exceeded' : status === 404 ? 'unknown_url' : null;
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}
