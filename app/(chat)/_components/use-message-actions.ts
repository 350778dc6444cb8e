'use client';

import { useMutation } from '@tanstack/react-query';
import type { Chat } from '@ai-sdk/react';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { showServerMessages, updateMessage } from './chat-store';
import type { MessageActions } from './messages';
import type { ChatUIMessage } from './types';

/**
 * Edit and resend, version flipping and votes for one conversation, as stable callbacks. `send` sends an edited
 * question (the conversation knows the vault and agent it is asked against).
 */
export function useMessageActions(chat: Chat<ChatUIMessage>, sessionId: string, send: { edit: (messageId: string, text: string) => void }): {
  actions: MessageActions;
  error: string | null;
} {
  const trpc = useTRPC();
  const showBranch = useMutation(trpc.messages.showBranch.mutationOptions());
  const rate = useMutation(trpc.messages.rate.mutationOptions());
  const unrate = useMutation(trpc.messages.unrate.mutationOptions());
  const latest = useRef({ send, showBranch, rate, unrate });
  useLayoutEffect(() => {
    latest.current = { send, showBranch, rate, unrate };
  });

  const actions = useMemo<MessageActions>(
    () => ({
      edit: (messageId, text) => latest.current.send.edit(messageId, text),
      showVersion: (messageId) =>
        latest.current.showBranch.mutate(
          { sessionId, messageId },
          { onSuccess: (conversation) => showServerMessages(chat, conversation.messages) },
        ),
      rate: async (messageId, rating, comment) => {
        const saved = await latest.current.rate.mutateAsync({ messageId, rating, comment });
        updateMessage(chat, messageId, (message) => ({
          ...message,
          metadata: { ...message.metadata!, feedback: { rating: saved.rating, comment: saved.comment } },
        }));
      },
      clearRating: async (messageId) => {
        await latest.current.unrate.mutateAsync({ messageId });
        updateMessage(chat, messageId, (message) => ({ ...message, metadata: { ...message.metadata!, feedback: null } }));
      },
    }),
    [chat, sessionId],
  );
  return { actions, error: showBranch.error ? showBranch.error.message : null };
}
