'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';

/** The URL names the open conversation; history entries aren't added for switching between them. */
function showInUrl(sessionId: string | null) {
  window.history.replaceState(null, '', sessionId ? `/?session=${encodeURIComponent(sessionId)}` : '/');
}

/**
 * Which conversation is open: `/?session=<id>` names one; `/` is a new one (a draft) whose client-made id goes
 * into the URL with its first question.
 */
export function useOpenConversation() {
  const sessionParam = useSearchParams().get('session');
  const [draft, setDraft] = useState(() => ({ id: crypto.randomUUID(), focus: false }));

  // Arriving at `/` from a conversation (the header's Chat link) opens a fresh chat, as New chat does.
  const [previousParam, setPreviousParam] = useState(sessionParam);
  if (previousParam !== sessionParam) {
    setPreviousParam(sessionParam);
    if (!sessionParam && previousParam) setDraft({ id: crypto.randomUUID(), focus: true });
  }

  const newChat = useCallback(() => {
    showInUrl(null);
    setDraft({ id: crypto.randomUUID(), focus: true });
  }, []);

  const isDraft = !sessionParam;
  return {
    activeId: sessionParam ?? draft.id,
    isDraft,
    /** A draft the user asked for (not the one a page load starts with) takes the focus to its composer. */
    focusComposer: isDraft && draft.focus,
    open: showInUrl,
    newChat,
  };
}
