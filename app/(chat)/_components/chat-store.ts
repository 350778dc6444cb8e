'use client';

import { Chat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import type { ChatRequestBody, ChatSelection, ChatUIMessage } from './types';

const CHAT_API = '/api/chat';

/**
 * The server keeps each conversation's history, so a request carries only the new question (none when
 * regenerating) plus what to ask it against; `body` is what sendMessage/regenerate were given.
 */
function createTransport() {
  return new DefaultChatTransport<ChatUIMessage>({
    api: CHAT_API,
    prepareSendMessagesRequest: ({ id, messages, trigger, body }) => {
      const selection = (body ?? {}) as Partial<ChatSelection> & { editOf?: string };
      const request: ChatRequestBody = {
        sessionId: id,
        trigger,
        message: trigger === 'submit-message' ? messages.at(-1) : undefined,
        vaultId: selection.vaultId ?? null,
        agentId: selection.agentId ?? null,
        filters: selection.tags?.length || selection.types?.length ? { tags: selection.tags, types: selection.types } : undefined,
        editOf: trigger === 'submit-message' ? (selection.editOf ?? null) : null,
      };
      return { body: request };
    },
  });
}

/**
 * Shows the conversation as the server has it (ids, versions, votes), unless a question is on its way: then
 * the next finished answer brings it again.
 */
export function showServerMessages(chat: Chat<ChatUIMessage>, messages: ChatUIMessage[]) {
  if (chat.status === 'ready' || chat.status === 'error') chat.messages = messages;
}

/** Changes one message in place (a vote just saved), found by its stored id. */
export function updateMessage(chat: Chat<ChatUIMessage>, id: string, change: (message: ChatUIMessage) => ChatUIMessage) {
  chat.messages = chat.messages.map((message) => ((message.metadata?.messageId ?? message.id) === id ? change(message) : message));
}

export interface ChatEntry {
  chat: Chat<ChatUIMessage>;
  selection: ChatSelection;
}

export interface FinishedEvent {
  sessionId: string;
  chat: Chat<ChatUIMessage>;
  message: ChatUIMessage;
  isAbort: boolean;
  isError: boolean;
}

/**
 * One live `Chat` per conversation opened in this tab, so switching conversations never loses an answer that
 * is still streaming in: it keeps arriving in the background and is there when you come back.
 */
export class ChatStore {
  private readonly entries = new Map<string, ChatEntry>();
  private readonly transport = createTransport();

  constructor(private readonly onFinished: (event: FinishedEvent) => void) {}

  get(sessionId: string): ChatEntry | undefined {
    return this.entries.get(sessionId);
  }

  /** The conversation's chat, created from its saved history the first time it is opened. */
  open(sessionId: string, init: { messages: ChatUIMessage[]; selection: ChatSelection }): ChatEntry {
    const existing = this.entries.get(sessionId);
    if (existing) return existing;
    const chat: Chat<ChatUIMessage> = new Chat<ChatUIMessage>({
      id: sessionId,
      messages: init.messages,
      transport: this.transport,
      generateId: () => crypto.randomUUID(),
      onFinish: ({ message, isAbort, isError }) => {
        // A stopped answer keeps what arrived and says so; the server records the same when it sees the abort.
        if (isAbort && message.role === 'assistant') {
          chat.messages = chat.messages.map((candidate) =>
            candidate.id === message.id
              ? { ...candidate, metadata: { ...candidate.metadata, sessionId, status: 'stopped' } }
              : candidate,
          );
        }
        this.onFinished({ sessionId, chat, message, isAbort, isError });
      },
    });
    const entry: ChatEntry = { chat, selection: init.selection };
    this.entries.set(sessionId, entry);
    return entry;
  }

  setSelection(sessionId: string, selection: ChatSelection) {
    const entry = this.entries.get(sessionId);
    if (entry) entry.selection = selection;
  }

  /** Forgets a conversation (deleted): stops its answer if one is streaming. */
  remove(sessionId: string) {
    const entry = this.entries.get(sessionId);
    this.entries.delete(sessionId);
    if (entry && (entry.chat.status === 'streaming' || entry.chat.status === 'submitted')) void entry.chat.stop();
  }
}
