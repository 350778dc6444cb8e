'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { THEME_STORAGE_KEY, THEMES, type Theme } from './theme-script';

declare global {
  interface Window {
    /** Set by THEME_SCRIPT: applies a choice (or the stored one) to <html>. */
    __docentApplyTheme?: (theme?: Theme) => void;
  }
}

const CHANGE = 'docent-theme-change';

function read(): Theme {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return (THEMES as readonly string[]).includes(stored ?? '') ? (stored as Theme) : 'system';
  } catch {
    return 'system';
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The theme this browser remembers (system until chosen), and a setter that applies and stores it. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const theme = useSyncExternalStore(subscribe, read, () => 'system' as const);
  const setTheme = useCallback((next: Theme) => {
    try {
      if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice still applies to this page, just isn't remembered.
    }
    window.__docentApplyTheme?.(next);
    window.dispatchEvent(new Event(CHANGE));
  }, []);
  return [theme, setTheme];
}
