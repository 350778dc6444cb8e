import { createOpenAI } from '@ai-sdk/openai';
import type { EmbeddingModelV3, LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { Config, OfflineEmbedder } from '@/server/config';
import { createExtractiveAnswerer, EXTRACTIVE_MODEL_ID } from './extractive-answerer';
import {
  createOfflineEmbeddingModel,
  OFFLINE_EMBEDDING_DIMENSIONS,
  OFFLINE_EMBEDDING_MODEL_ID,
} from './offline-embedder';
import { createUseEmbeddingModel, USE_EMBEDDING_DIMENSIONS, USE_EMBEDDING_MODEL_ID } from './use-embedder';

export interface ModelInfo {
  /** `openai` covers OpenAI and every OpenAI-compatible server (Ollama, vLLM, LM Studio). */
  provider: 'openai' | 'offline';
  model: string;
  /** The server's base URL when not OpenAI's own; never the key. */
  baseURL?: string;
}

/** An embedding model as the app uses it: the AI SDK model, what it is, and the options of every call. */
interface Embedder {
  embeddingModel: EmbeddingModelV3;
  embedding: ModelInfo & { dimensions: number };
  /** Pass to every embed call: asks text-embedding-3 models for shortened vectors when configured. */
  embeddingOptions: SharedV3ProviderOptions | undefined;
}

/** What the rest of the app talks to: AI SDK models, identical in use whichever provider is behind them. */
export interface Providers extends Embedder {
  chatModel: LanguageModelV3;
  chat: ModelInfo;
  /** True when answers are extractive (no LLM): the UI and API say so plainly. */
  offline: boolean;
  /**
   * Every embedding model this configuration can use, the configured one (`embedding`) first: the offline
   * embedders always, and the OpenAI-compatible one when a server is configured. A re-embed may target any.
   */
  embedders: Embedder[];
}

function offlineEmbedder(name: OfflineEmbedder): Embedder {
  return name === 'use'
    ? {
        embeddingModel: createUseEmbeddingModel(),
        embedding: { provider: 'offline', model: USE_EMBEDDING_MODEL_ID, dimensions: USE_EMBEDDING_DIMENSIONS },
        embeddingOptions: undefined,
      }
    : {
        embeddingModel: createOfflineEmbeddingModel(),
        embedding: { provider: 'offline', model: OFFLINE_EMBEDDING_MODEL_ID, dimensions: OFFLINE_EMBEDDING_DIMENSIONS },
        embeddingOptions: undefined,
      };
}

/** Which offline embedder computes `model`'s vectors, if any (the ingestion threads run it). */
export function offlineEmbedderOf(embedding: ModelInfo): OfflineEmbedder | null {
  if (embedding.provider !== 'offline') return null;
  return embedding.model === USE_EMBEDDING_MODEL_ID ? 'use' : 'hashed';
}

/** The same providers embedding with `model` instead (one of `embedders`), or null if not available here. */
export function withEmbedder(providers: Providers, model: string): Providers | null {
  if (providers.embedding.model === model) return providers;
  const embedder = providers.embedders.find((e) => e.embedding.model === model);
  return embedder ? { ...providers, ...embedder } : null;
}

export function createProviders(config: Config): Providers {
  const offline: Embedder[] = (['hashed', 'use'] as const).map(offlineEmbedder);
  const configuredOffline = config.offlineEmbedder ? offlineEmbedder(config.offlineEmbedder) : null;
  if (config.openai === null) {
    const embedder = configuredOffline!;
    return {
      chatModel: createExtractiveAnswerer(),
      chat: { provider: 'offline', model: EXTRACTIVE_MODEL_ID },
      ...embedder,
      embedders: [embedder, ...offline.filter((e) => e.embedding.model !== embedder.embedding.model)],
      offline: true,
    };
  }
  const { apiKey, baseURL } = config.openai;
  // Local servers such as Ollama need no key, but the SDK insists on one being present.
  const openai = createOpenAI({ apiKey: apiKey ?? 'not-needed', baseURL });
  const remote: Embedder | null = OFFLINE_MODEL_NAMES.has(config.embeddingModel)
    ? null
    : {
        embeddingModel: openai.embedding(config.embeddingModel),
        embedding: { provider: 'openai', model: config.embeddingModel, baseURL, dimensions: config.embeddingDimensions },
        // Only the text-embedding-3 family can shorten its vectors; other servers reject the parameter.
        embeddingOptions: config.embeddingModel.startsWith('text-embedding-3')
          ? { openai: { dimensions: config.embeddingDimensions } }
          : undefined,
      };
  const embedder = configuredOffline ?? remote!;
  return {
    // `.chat` targets /v1/chat/completions: the one endpoint every OpenAI-compatible server implements
    // (the SDK's default, /v1/responses, is OpenAI-only).
    chatModel: openai.chat(config.chatModel),
    chat: { provider: 'openai', model: config.chatModel, baseURL },
    ...embedder,
    embedders: [embedder, ...(remote && remote !== embedder ? [remote] : []), ...offline.filter((e) => e.embedding.model !== embedder.embedding.model)],
    offline: false,
  };
}

const OFFLINE_MODEL_NAMES = new Set(['offline-hashed', 'offline-use', OFFLINE_EMBEDDING_MODEL_ID, USE_EMBEDDING_MODEL_ID]);
