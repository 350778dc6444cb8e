'use client';

import { useEffect } from 'react';

/** Ctrl/Cmd+Shift+O starts a new chat from anywhere, as in other chat apps. */
export function useNewChatShortcut(newChat: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        newChat();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [newChat]);
}
