import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Callers log ids and sizes, never secrets or document text. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'docent' },
    redact: { paths: ['*.apiKey', '*.password', '*.authorization', 'config.openai'], censor: '[redacted]' },
  });
}
