import type { UIMessage } from 'ai';

/** A retrieved passage as the answer cites it: `[n]` in the answer text refers to `n` here. */
export interface ChatSource {
  n: number;
  chunkId: string;
  documentId: string;
  /** The chunk's place in its document and its PDF pages (null: not a PDF); absent on answers stored before. */
  ordinal?: number;
  pageStart?: number | null;
  pageEnd?: number | null;
  title: string;
  /** The start of the passage, for lists. */
  snippet: string;
  /** The whole passage, for the citation panel. */
  content: string;
  /** Cosine similarity between the question and the passage (0-1). */
  score: number;
  /**
   * Whether the answer cites it: known once the answer has ended (the sources are then re-sent cited first);
   * absent while it streams and on answers stored before citations were tracked.
   */
  cited?: boolean;
}

export interface ChatMessageMetadata {
  sessionId: string;
  /** The stored message's id. */
  messageId?: string;
  status?: 'complete' | 'failed' | 'stopped';
  error?: string;
  /** Answered from the response cache. */
  cached?: boolean;
  /** Answered by the offline extractive answerer. */
  offline?: boolean;
  model?: string;
  latencyMs?: number;
  usage?: { inputTokens?: number; outputTokens?: number };
  createdAt?: string;
  /** This message and its siblings, oldest first: the edits of a question, the versions of an answer. */
  siblingIds?: string[];
  /** The signed-in person's vote on this answer, and their comment. */
  feedback?: { rating: 1 | -1; comment: string | null } | null;
}

export type ChatUIMessage = UIMessage<ChatMessageMetadata, { sources: ChatSource[] }>;

/** POST /api/chat: the server keeps the history, so a turn sends only its new message. */
export interface ChatRequestBody {
  sessionId: string;
  trigger: 'submit-message' | 'regenerate-message';
  /** The new user message; absent when regenerating the last answer. */
  message?: ChatUIMessage;
  /** The stored question the new message replaces (edit and resend). */
  editOf?: string | null;
  vaultId?: string | null;
  agentId?: string | null;
  /** Only documents with any of these tags, of any of these types (e.g. `pdf`). */
  filters?: { tags?: string[]; types?: string[] };
  config?: { topK?: number; temperature?: number };
}
