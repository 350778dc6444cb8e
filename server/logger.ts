import pino, { type Logger } from 'pino';

export type { Logger };

// Enough to follow a wrapped error (drizzle → postgres.js, the AI SDK's retries) to its source.
const MAX_CAUSES = 4;

/**
 * An error as logged: its type, message, stack, code and status, and its causes. Nothing else: pino's own
 * serializer copies every property, and drivers and SDKs hang the values they carried on their errors
 * (postgres.js `parameters`, a model call's `requestBodyValues` with the whole prompt), which are the user's text.
 */
function loggedError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: loggedError(error.cause, depth + 1) } : {}),
  };
}

/** Structured JSON logs. Callers log ids and sizes, never secrets, document text, questions or query strings. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'docent' },
    serializers: { err: (error: unknown) => loggedError(error) },
    redact: { paths: ['*.apiKey', '*.password', '*.authorization', 'config.openai'], censor: '[redacted]' },
  });
}
