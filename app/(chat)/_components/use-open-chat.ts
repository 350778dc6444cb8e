'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import type { ChatStore } from './chat-store';
import { NO_SELECTION, type ChatSelection } from './types';

/**
 * The open conversation's live chat: the one this tab already has, an empty one for a draft, or one made from the
 * saved history once it loads (`entry` stays undefined until then; `session` says how loading went). A new
 * conversation starts on the vault and agent chosen last.
 */
export function useOpenChat(store: ChatStore, activeId: string, isDraft: boolean) {
  const trpc = useTRPC();
  const [defaultSelection, setDefaultSelection] = useState<ChatSelection>(NO_SELECTION);
  const known = store.get(activeId);
  const session = useQuery({ ...trpc.sessions.get.queryOptions({ id: activeId }), enabled: !isDraft && !known });

  let entry = known;
  if (!entry && isDraft) entry = store.open(activeId, { messages: [], selection: defaultSelection });
  if (!entry && session.isSuccess) {
    entry = store.open(activeId, {
      messages: session.data?.messages ?? [],
      selection: session.data ? { vaultId: session.data.vaultId, agentId: session.data.agentId } : defaultSelection,
    });
  }

  const changeSelection = (sessionId: string, selection: ChatSelection) => {
    store.setSelection(sessionId, selection);
    setDefaultSelection(selection);
  };

  return { entry, session, changeSelection };
}
