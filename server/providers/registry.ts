import { createOpenAI } from '@ai-sdk/openai';
import type { EmbeddingModelV3, LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { Config } from '@/server/config';
import { createExtractiveAnswerer, EXTRACTIVE_MODEL_ID } from './extractive-answerer';
import {
  createOfflineEmbeddingModel,
  OFFLINE_EMBEDDING_DIMENSIONS,
  OFFLINE_EMBEDDING_MODEL_ID,
} from './offline-embedder';

export interface ModelInfo {
  /** `openai` covers OpenAI and every OpenAI-compatible server (Ollama, vLLM, LM Studio). */
  provider: 'openai' | 'offline';
  model: string;
  /** The server's base URL when not OpenAI's own; never the key. */
  baseURL?: string;
}

/** What the rest of the app talks to: AI SDK models, identical in use whichever provider is behind them. */
export interface Providers {
  chatModel: LanguageModelV3;
  embeddingModel: EmbeddingModelV3;
  chat: ModelInfo;
  embedding: ModelInfo & { dimensions: number };
  /** Pass to every embed call: asks text-embedding-3 models for shortened vectors when configured. */
  embeddingOptions: SharedV3ProviderOptions | undefined;
  /** True when answers are extractive (no LLM): the UI and API say so plainly. */
  offline: boolean;
}

export function createProviders(config: Config): Providers {
  if (config.openai === null) {
    return {
      chatModel: createExtractiveAnswerer(),
      embeddingModel: createOfflineEmbeddingModel(),
      chat: { provider: 'offline', model: EXTRACTIVE_MODEL_ID },
      embedding: { provider: 'offline', model: OFFLINE_EMBEDDING_MODEL_ID, dimensions: OFFLINE_EMBEDDING_DIMENSIONS },
      embeddingOptions: undefined,
      offline: true,
    };
  }
  const { apiKey, baseURL } = config.openai;
  // Local servers such as Ollama need no key, but the SDK insists on one being present.
  const openai = createOpenAI({ apiKey: apiKey ?? 'not-needed', baseURL });
  return {
    // `.chat` targets /v1/chat/completions: the one endpoint every OpenAI-compatible server implements
    // (the SDK's default, /v1/responses, is OpenAI-only).
    chatModel: openai.chat(config.chatModel),
    embeddingModel: openai.embedding(config.embeddingModel),
    chat: { provider: 'openai', model: config.chatModel, baseURL },
    embedding: {
      provider: 'openai',
      model: config.embeddingModel,
      baseURL,
      dimensions: config.embeddingDimensions,
    },
    // Only the text-embedding-3 family can shorten its vectors; other servers reject the parameter.
    embeddingOptions: config.embeddingModel.startsWith('text-embedding-3')
      ? { openai: { dimensions: config.embeddingDimensions } }
      : undefined,
    offline: false,
  };
}
