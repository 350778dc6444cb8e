import { formatSources, type PromptSource } from '@/server/rag/sources-format';

const DEFAULT_INSTRUCTIONS = `You are Docent, an assistant that answers questions using the user's documents.
Answer from the sources below. Cite every statement you take from a source with its number in square brackets, like [1] or [2][3], right after the statement.
If the sources do not contain the answer, say so plainly instead of guessing. Be concise; use Markdown (lists, tables, code blocks) where it helps.`;

/** The system prompt: the agent's (or default) instructions, then the numbered passages to cite. */
export function buildSystemPrompt(instructions: string | null, sources: PromptSource[]): string {
  const rules = instructions?.trim() || DEFAULT_INSTRUCTIONS;
  if (sources.length === 0) return `${rules}\n\nNo passages from the user's documents match this question.`;
  return `${rules}\n\nSources:\n\n${formatSources(sources)}`;
}

/** "How do I reset the X2 lamp timer?" -> a title for the conversation list. */
export function titleFromQuestion(question: string, max = 60): string {
  const flat = question.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max)}…`;
}
