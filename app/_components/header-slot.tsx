'use client';

import { useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';

import { HEADER_SLOTS } from './header-slots';

const noSubscription = () => () => {};

/**
 * Puts a page's own header controls (the chat's drawer button and conversation title) into the site header's
 * row, so a page never stacks a second header under it. The header is rendered by the layout, before any page,
 * so its slots exist by the time a page hydrates.
 */
export function HeaderSlot({ at, children }: { at: keyof typeof HEADER_SLOTS; children: React.ReactNode }) {
  const target = useSyncExternalStore(
    noSubscription,
    () => document.getElementById(HEADER_SLOTS[at]),
    () => null,
  );
  return target ? createPortal(children, target) : null;
}
