import { embedMany, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '@/server/config';
import { formatSources } from '@/server/rag/sources-format';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { createProviders } from './registry';

const SYSTEM = `Answer from the sources.\n\n${formatSources([
  { n: 1, title: 'Lighthouse manual', content: 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88.' },
  { n: 2, title: 'Gardening', content: 'Tomatoes need six hours of sun a day.' },
])}`;

async function streamed(providers: ReturnType<typeof createProviders>, question: string) {
  const result = streamText({ model: providers.chatModel, system: SYSTEM, prompt: question });
  const deltas: string[] = [];
  for await (const delta of result.textStream) deltas.push(delta);
  return { text: deltas.join(''), deltas };
}

describe('offline providers (no key, no base URL)', () => {
  const providers = createProviders(parseConfig({}));

  it('are chosen by default and say so', () => {
    expect(providers.offline).toBe(true);
    expect(providers.chat).toEqual({ provider: 'offline', model: 'docent-extractive-v1' });
    expect(providers.embedding).toMatchObject({ provider: 'offline', model: 'docent-hash-v1', dimensions: 768 });
  });

  it('embed through the AI SDK', async () => {
    const { embeddings } = await embedMany({ model: providers.embeddingModel, values: ['lamp hours', 'tomato sun'] });
    expect(embeddings).toHaveLength(2);
    expect(embeddings[0]).toHaveLength(768);
  });

  it('stream an extractive answer with a citation to the right source', async () => {
    const { text, deltas } = await streamed(providers, 'How many hours does the Lighthouse lamp run?');
    expect(deltas.length).toBeGreaterThan(3);
    expect(text).toContain('4,000 hours');
    expect(text).toContain('[1]');
    expect(text).not.toContain('[2]');
  });
});

describe('OpenAI-compatible providers against a server with only chat completions and embeddings', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ embeddingDimensions: 1536 });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('are chosen when a key is set and stream from /v1/chat/completions, never /v1/responses', async () => {
    const providers = createProviders(parseConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url }));
    expect(providers.offline).toBe(false);
    expect(providers.chat).toEqual({ provider: 'openai', model: 'gpt-4o-mini', baseURL: fake.url });

    const { text } = await streamed(providers, 'What part replaces the lamp?');
    expect(text).toBe('Fake answer: What part replaces the lamp?');
    const plain = await generateText({ model: providers.chatModel, prompt: 'Hello there' });
    expect(plain.text).toBe('Fake answer: Hello there');
    expect(fake.calls).toMatchObject({ chat: 2, chatStream: 1, unknown: 0 });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('embed through /v1/embeddings with the configured dimensions', async () => {
    const providers = createProviders(
      parseConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, EMBEDDING_DIMENSIONS: '256' }),
    );
    const { embeddings } = await embedMany({
      model: providers.embeddingModel,
      values: ['alpha', 'beta', 'gamma'],
      providerOptions: providers.embeddingOptions,
    });
    expect(embeddings).toHaveLength(3);
    expect(embeddings[1]).toHaveLength(256);
    expect(embeddings[1]![0]).toBeCloseTo(fakeEmbedding('beta', 256)[0]!, 5);
    expect(fake.calls).toMatchObject({ embeddings: 1, inputsEmbedded: 3 });
  });

  it('work with a base URL and no key, as Ollama or vLLM are run', async () => {
    const providers = createProviders(
      parseConfig({ OPENAI_API_BASE: fake.url, EMBEDDING_MODEL: 'nomic-embed-text', EMBEDDING_DIMENSIONS: '1536' }),
    );
    expect(providers.embeddingOptions).toBeUndefined();
    const { embeddings } = await embedMany({ model: providers.embeddingModel, values: ['x'] });
    expect(embeddings[0]).toHaveLength(1536);
    const requestBody = fake.requests[0]?.body as Record<string, unknown>;
    expect(requestBody.model).toBe('nomic-embed-text');
    expect(requestBody).not.toHaveProperty('dimensions');
  });
});

describe('the embedder choice (EMBEDDING_MODEL)', () => {
  const models = (providers: ReturnType<typeof createProviders>) => providers.embedders.map((e) => e.embedding.model);

  it('offline-use is the Universal Sentence Encoder, 512 dimensions, offline, and the hashed embedder stays available', async () => {
    const providers = createProviders(parseConfig({ EMBEDDING_MODEL: 'offline-use' }));
    expect(providers.embedding).toEqual({ provider: 'offline', model: 'docent-use-lite-v1', dimensions: 512 });
    expect(models(providers)).toEqual(['docent-use-lite-v1', 'docent-hash-v1']);
    const { embeddings } = await embedMany({ model: providers.embeddingModel, values: ['Who was the chief engineer?', 'Its chief engineer was Dr. Hanna Vottel.', 'Tomatoes need sun.'] });
    const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    expect(embeddings[0]).toHaveLength(512);
    // A sentence encoder: the question is nearer its answer than an unrelated sentence.
    expect(cosine(embeddings[0]!, embeddings[1]!)).toBeGreaterThan(cosine(embeddings[0]!, embeddings[2]!) + 0.2);
  }, 30_000);

  it('offline-hashed (or nothing) is the hashed embedder; with a model server both offline embedders remain choices', () => {
    expect(createProviders(parseConfig({ EMBEDDING_MODEL: 'offline-hashed' })).embedding.model).toBe('docent-hash-v1');
    expect(models(createProviders(parseConfig({})))).toEqual(['docent-hash-v1', 'docent-use-lite-v1']);
    const served = createProviders(parseConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1' }));
    expect(served.embedding).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small' });
    expect(models(served)).toEqual(['text-embedding-3-small', 'docent-hash-v1', 'docent-use-lite-v1']);
    // A model server for answers, the sentence encoder for vectors: no EMBEDDING_DIMENSIONS needed.
    const mixed = createProviders(parseConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', EMBEDDING_MODEL: 'offline-use' }));
    expect(mixed.chat.provider).toBe('openai');
    expect(mixed.embedding).toMatchObject({ provider: 'offline', model: 'docent-use-lite-v1' });
  });
});
