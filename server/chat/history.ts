import { countTokens } from '@/server/util/tokens';

export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The conversation the model sees: the last messages (already limited to MAX_HISTORY_MESSAGES), minus the
 * oldest ones until they fit the token budget. It never starts with an orphaned answer: an assistant message
 * without its question confuses models.
 */
export function trimHistory(messages: HistoryMessage[], tokenBudget: number): HistoryMessage[] {
  const kept: HistoryMessage[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    used += countTokens(message.content) + 4;
    if (used > tokenBudget) break;
    kept.unshift(message);
  }
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}
