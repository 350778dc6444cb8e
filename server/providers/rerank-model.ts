import { APICallError, type RerankingModelV3 } from '@ai-sdk/provider';
import { z } from 'zod';

/**
 * An AI SDK reranking model for the `/v1/rerank` endpoint that Cohere (v1), Jina, vLLM and Hugging Face TEI's
 * OpenAI-style routers serve: `{model, query, documents, top_n}` → `{results: [{index, relevance_score}]}`.
 * The AI SDK ships rerankers only for hosted providers (Cohere's /v2, Bedrock, Together), none for this shape.
 */
const responseSchema = z.object({
  results: z.array(z.object({ index: z.number().int().min(0), relevance_score: z.number() })),
});

export function createRerankingModel(options: { baseURL: string; model: string; apiKey?: string }): RerankingModelV3 {
  const url = `${options.baseURL}/rerank`;
  return {
    specificationVersion: 'v3',
    provider: 'openai-compatible.rerank',
    modelId: options.model,
    async doRerank({ documents, query, topN, abortSignal }) {
      const texts = documents.type === 'text' ? documents.values : documents.values.map((value) => JSON.stringify(value));
      const requestBodyValues = { model: options.model, query, documents: texts, top_n: topN ?? texts.length };
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify(requestBodyValues),
        signal: abortSignal,
      });
      const body = await response.text();
      if (!response.ok) {
        throw new APICallError({
          message: `Rerank failed with status ${response.status}: ${body.slice(0, 200)}`,
          url,
          requestBodyValues,
          statusCode: response.status,
          responseBody: body,
        });
      }
      let parsed: z.infer<typeof responseSchema>;
      try {
        parsed = responseSchema.parse(JSON.parse(body));
      } catch (error) {
        throw new APICallError({ message: 'Rerank answered with a malformed body', url, requestBodyValues, responseBody: body, cause: error, isRetryable: false });
      }
      // A result pointing past the documents sent would silently drop or invent a passage.
      if (parsed.results.some((r) => r.index >= texts.length)) {
        throw new APICallError({ message: 'Rerank answered with an index out of range', url, requestBodyValues, responseBody: body, isRetryable: false });
      }
      const ranking = parsed.results
        .map((r) => ({ index: r.index, relevanceScore: r.relevance_score }))
        .sort((a, b) => b.relevanceScore - a.relevanceScore);
      return { ranking };
    },
  };
}
