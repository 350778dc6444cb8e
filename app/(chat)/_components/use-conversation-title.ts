'use client';

import { useEffect } from 'react';
import { UNTITLED } from './session-item';
import type { SessionSummary } from './types';

/**
 * The open conversation's title, for its header and the browser tab: the list's (it follows renames), else the
 * one loaded with the conversation, else "New chat".
 */
export function useConversationTitle(
  sessions: SessionSummary[] | undefined,
  activeId: string,
  loadedTitle: string | null | undefined,
): string {
  const summary = sessions?.find((candidate) => candidate.id === activeId);
  const title = summary ? summary.title?.trim() || UNTITLED : loadedTitle?.trim() || 'New chat';

  useEffect(() => {
    document.title = `${title} · Docent`;
  }, [title]);

  return title;
}
