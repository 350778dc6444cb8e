import type { ChatSource, ChatUIMessage } from './types';

/** The message's text, all text parts joined (one per step). */
export function messageText(message: ChatUIMessage): string {
  return message.parts
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n\n');
}

/** The message's id in the database: an answer that just streamed in knows it from its metadata. */
export function storedId(message: ChatUIMessage): string {
  return message.metadata?.messageId ?? message.id;
}

/** The passages the answer was grounded in: the `data-sources` part, numbered as the text cites them. */
export function messageSources(message: ChatUIMessage): ChatSource[] {
  for (let index = message.parts.length - 1; index >= 0; index--) {
    const part = message.parts[index];
    if (part?.type === 'data-sources' && Array.isArray(part.data)) return part.data;
  }
  return [];
}

/**
 * A readable sentence from whatever went wrong. HTTP errors arrive as the response body, which the server
 * sends as JSON `{ error, detail, code }`; network failures as browser TypeErrors.
 */
export function readableError(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    try {
      const body: unknown = JSON.parse(trimmed);
      if (body && typeof body === 'object') {
        const { error: message, detail } = body as { error?: unknown; detail?: unknown };
        if (typeof message === 'string' && message) return message;
        if (typeof detail === 'string' && detail) return detail;
      }
    } catch {
      // Not JSON after all: fall through to the raw text.
    }
  }
  if (error instanceof TypeError && /fetch|network/i.test(trimmed)) {
    return 'Docent could not be reached. Check your connection and try again.';
  }
  if (!trimmed || /^<!doctype|^<html/i.test(trimmed)) return 'Something went wrong while answering.';
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** The `code` of a JSON error body (`{ error, detail, code }`), if the error carries one. */
function errorCode(error: unknown): string | null {
  const raw = error instanceof Error ? error.message.trim() : '';
  if (!raw.startsWith('{')) return null;
  try {
    const body: unknown = JSON.parse(raw);
    const code = body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/**
 * Whether the server had stored the question when the request failed: it stores it before calling the model,
 * so a model failure (502) left it there to answer again, while a rejected or unreachable request did not.
 */
export function questionWasStored(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'OPENAI_SERVICE_ERROR' || code === 'CHAT_GENERATION_ERROR';
}
