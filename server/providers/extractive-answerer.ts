import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider';
import { parseSources, type PromptSource } from '../rag/sources-format';
import { splitSentences } from './sentences';
import { countWords, termSet } from './text-features';

export const EXTRACTIVE_MODEL_ID = 'docent-extractive-v1';
export const NO_ANSWER_TEXT = "I couldn't find anything in your documents that answers this question.";

// Sentences scoring below this fraction of the best one are off-topic matches
// on a single common word; quoting them would dilute the answer.
const MIN_RELATIVE_SCORE = 0.4;

interface Candidate {
  text: string;
  n: number;
  /** The source's place in the retrieval order, then the sentence's place in its source. */
  rank: number;
  position: number;
  terms: Set<string>;
  score: number;
}

function messageText(message: LanguageModelV3Prompt[number]): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

function promptText(prompt: LanguageModelV3Prompt, role: 'system' | 'user'): string[] {
  return prompt.filter((m) => m.role === role).map(messageText);
}

/** Most relevant source sentences for the question, best first, each with its source number. */
function selectSentences(question: string, sources: PromptSource[], maxSentences: number): Candidate[] {
  const query = termSet(question);
  const candidates: Candidate[] = sources.flatMap((source, rank) =>
    splitSentences(source.content)
      .filter((s) => countWords(s) >= 2)
      .map((text, position) => ({ text, n: source.n, rank, position, terms: termSet(text), score: 0 })),
  );

  // idf over the candidate sentences: a term in every passage says little about which one answers.
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of query) if (c.terms.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  for (const c of candidates) {
    for (const [t, count] of df) if (c.terms.has(t)) c.score += Math.log(1 + candidates.length / count);
  }

  // Stable sort keeps source rank, then position in the source, as the tie-break.
  const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score || a.rank - b.rank);
  const threshold = (ranked[0]?.score ?? 0) * MIN_RELATIVE_SCORE;
  const picked = new Map<string, Candidate>(); // keyed by text: overlapping chunks repeat sentences
  for (const c of ranked) {
    if (picked.size === maxSentences || c.score < threshold) break;
    if (!picked.has(c.text)) picked.set(c.text, c);
  }
  return [...picked.values()];
}

/**
 * The answer text: the picked sentences of each source in the order the source has them, so they read as the
 * passage does, followed by that source's citation; the source holding the best sentence first. Only sources
 * quoted are cited.
 */
function compose(picked: Candidate[]): string {
  const bySource = new Map<number, Candidate[]>(); // insertion order: by each source's best sentence
  for (const c of picked) bySource.set(c.n, [...(bySource.get(c.n) ?? []), c]);
  return [...bySource.entries()]
    .map(([n, sentences]) => `${sentences.sort((a, b) => a.rank - b.rank || a.position - b.position).map((c) => c.text).join(' ')} [${n}]`)
    .join(' ');
}

interface Answer {
  pieces: string[];
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage;
  warnings: SharedV3Warning[];
}

function answer(options: LanguageModelV3CallOptions, maxSentences: number): Answer {
  const { prompt, maxOutputTokens, tools, responseFormat } = options;
  const question = promptText(prompt, 'user').at(-1) ?? '';
  const sources = parseSources(promptText(prompt, 'system').join('\n'));
  const picked = selectSentences(question, sources, maxSentences);
  const text = picked.length ? compose(picked) : NO_ANSWER_TEXT;

  // Word-sized pieces (leading whitespace kept) double as stream deltas and output "tokens".
  let pieces: string[] = text.match(/\s*\S+/g) ?? [];
  const truncated = maxOutputTokens !== undefined && pieces.length > maxOutputTokens;
  if (truncated) pieces = pieces.slice(0, maxOutputTokens);

  const warnings: SharedV3Warning[] = [];
  if (tools?.length) warnings.push({ type: 'unsupported', feature: 'tools' });
  if (responseFormat?.type === 'json') warnings.push({ type: 'unsupported', feature: 'responseFormat' });

  const inputWords = prompt.reduce((sum, m) => sum + countWords(messageText(m)), 0);
  return {
    pieces,
    finishReason: truncated ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: inputWords, noCache: inputWords, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: pieces.length, text: pieces.length, reasoning: undefined },
    },
    warnings,
  };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function responseMetadata() {
  return { id: `docent-${crypto.randomUUID()}`, modelId: EXTRACTIVE_MODEL_ID, timestamp: new Date() };
}

/**
 * Offline "LLM": answers by quoting, whole, the source sentences that best match
 * the question, each source's followed by its [n] citation, so the chat pipeline
 * runs end to end with no API key.
 */
export function createExtractiveAnswerer(
  options: { maxSentences?: number; chunkDelayMs?: number } = {},
): LanguageModelV3 {
  const { maxSentences = 4, chunkDelayMs = 0 } = options;
  return {
    specificationVersion: 'v3',
    provider: 'docent-offline',
    modelId: EXTRACTIVE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(callOptions) {
      callOptions.abortSignal?.throwIfAborted();
      const { pieces, finishReason, usage, warnings } = answer(callOptions, maxSentences);
      return {
        content: [{ type: 'text', text: pieces.join('') }],
        finishReason,
        usage,
        warnings,
        response: responseMetadata(),
      };
    },

    async doStream(callOptions) {
      const signal = callOptions.abortSignal;
      signal?.throwIfAborted();
      const { pieces, finishReason, usage, warnings } = answer(callOptions, maxSentences);
      const textId = 'text-0';
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings },
        { type: 'response-metadata', ...responseMetadata() },
        { type: 'text-start', id: textId },
        ...pieces.map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: textId, delta })),
        { type: 'text-end', id: textId },
        { type: 'finish', finishReason, usage },
      ];

      let next = 0;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        // Pull-driven so a slow consumer applies backpressure and an abort stops us mid-answer.
        async pull(controller) {
          const part = parts[next++];
          if (part?.type === 'text-delta' && chunkDelayMs > 0) await delay(chunkDelayMs, signal);
          if (signal?.aborted || part === undefined) {
            controller.close();
            return;
          }
          controller.enqueue(part);
        },
      });
      return { stream };
    },
  };
}
