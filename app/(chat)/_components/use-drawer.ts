'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';

/**
 * The conversations drawer on narrow screens: Escape closes it, opening it moves focus in, closing it hands focus
 * back to its toggle. It only exists below `md`, so widening the window closes it.
 */
export function useDrawer() {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawerId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLElement>(null);

  const showDrawer = useCallback(() => setDrawerOpen(true), []);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);

  const onDrawerKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && drawerOpen) {
      event.preventDefault();
      closeDrawer();
    }
  };

  useEffect(() => {
    const wide = window.matchMedia('(min-width: 768px)');
    const onChange = () => {
      if (wide.matches) setDrawerOpen(false);
    };
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, []);

  const wasOpen = useRef(false);
  useEffect(() => {
    if (drawerOpen) drawerRef.current?.querySelector<HTMLElement>('button, a[href]')?.focus();
    else if (wasOpen.current) {
      const focused = document.activeElement;
      // Unless something else took focus on purpose (a new chat focuses its composer).
      if (!focused || focused === document.body || drawerRef.current?.contains(focused)) toggleRef.current?.focus();
    }
    wasOpen.current = drawerOpen;
  }, [drawerOpen]);

  return { drawerOpen, drawerId, drawerRef, toggleRef, showDrawer, closeDrawer, onDrawerKeyDown };
}
