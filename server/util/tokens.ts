import { countTokens as countCl100kTokens } from 'gpt-tokenizer/encoding/cl100k_base';

// Uploaded text may contain "<|endoftext|>" and the like; to us it is ordinary text, never a control token.
export const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens in `text` under OpenAI's cl100k_base encoding (chunk sizes, the history budget). */
export function countTokens(text: string): number {
  return countCl100kTokens(text, PLAIN_TEXT);
}
