import { APICallError } from '@ai-sdk/provider';
import { ModelTimeoutError } from './with-retries';

/** A sentence a person can act on, for errors from the model service (shown on failed documents and answers). */
export function describeModelError(error: unknown): string {
  if (error instanceof ModelTimeoutError) return `${error.message}; try again later.`;
  if (APICallError.isInstance(error)) {
    if (error.statusCode === 401 || error.statusCode === 403) {
      return 'The model service rejected the API key: check OPENAI_API_KEY.';
    }
    if (error.statusCode === 429) return 'The model service is rate-limiting requests; try again in a minute.';
    if (error.statusCode === 404) return 'The model service does not know this model: check the model settings.';
    if (error.statusCode !== undefined && error.statusCode >= 500) {
      return `The model service failed (HTTP ${error.statusCode}); try again later.`;
    }
    return `The model service refused the request: ${error.message}`;
  }
  if (error instanceof TypeError) return 'The model service could not be reached; check OPENAI_BASE_URL.';
  return error instanceof Error ? `Processing failed: ${error.message}` : 'Processing failed.';
}
