'use client';

import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { authClient } from '@/app/_auth/auth-client';
import { plainErrorMessage } from './plain-error';

const itemStyles =
  'flex w-full items-center rounded-md px-2.5 py-1.5 text-left text-sm text-zinc-700 outline-none hover:bg-zinc-100 focus:bg-zinc-100 focus:text-zinc-900 disabled:opacity-50 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800 dark:focus:text-zinc-100';

/**
 * The signed-in person's name, opening a menu (the ARIA menu button pattern: arrows, Home/End, Escape, Tab) with
 * Settings and Sign out. The menu is a popover, so it opens in the top layer above the chat's fixed panels.
 */
export function AccountMenu({ name, email }: { name: string; email: string }) {
  const popoverId = useId();
  const menuId = useId();
  const buttonId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const close = () => popoverRef.current?.hidePopover();

  // Under the button, right edges aligned; absolute in the top layer, so it scrolls with the page.
  const placeMenu = () => {
    const button = buttonRef.current?.getBoundingClientRect();
    const popover = popoverRef.current;
    if (!button || !popover) return;
    popover.style.top = `${button.bottom + window.scrollY + 6}px`;
    popover.style.right = `${document.documentElement.clientWidth - button.right}px`;
  };

  const moveFocus = (event: React.KeyboardEvent) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const target = {
      ArrowDown: list[(index + 1) % list.length],
      ArrowUp: list[(index - 1 + list.length) % list.length],
      Home: list[0],
      End: list[list.length - 1],
    }[event.key];
    if (target) {
      event.preventDefault();
      target.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') {
      close();
    }
  };

  const signOut = async () => {
    setSigningOut(true);
    setProblem(null);
    try {
      const { error } = await authClient.signOut();
      if (!error) {
        // A full load, not the router: nothing of the signed-in pages stays in memory (the router's cache, the
        // header), and Back loads them from the server again, which sends the visitor here.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
        window.location.assign('/sign-in');
        return;
      }
      setProblem(`Couldn’t sign out. ${plainErrorMessage({ message: error.message, data: { httpStatus: error.status } })}`);
    } catch {
      setProblem('Couldn’t sign out: Docent’s server can’t be reached. Check your connection and try again.');
    }
    setSigningOut(false);
  };

  return (
    <>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        popoverTarget={popoverId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          focusOnOpen.current = event.key === 'ArrowUp' ? 'last' : 'first';
          popoverRef.current?.showPopover();
        }}
        className="flex h-7 max-w-48 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-zinc-700 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
      >
        <span aria-hidden className="flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-[0.65rem] font-semibold text-white uppercase dark:bg-zinc-100 dark:text-zinc-900">
          {name.trim().charAt(0) || '?'}
        </span>
        <span className="truncate max-sm:sr-only">{name}</span>
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-zinc-500 max-sm:hidden dark:text-zinc-400">
          <path fillRule="evenodd" d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
        </svg>
      </button>
      <div
        ref={popoverRef}
        id={popoverId}
        popover="auto"
        onBeforeToggle={(event) => {
          if (event.newState === 'open') placeMenu();
        }}
        onToggle={(event) => {
          const opened = event.newState === 'open';
          setOpen(opened);
          if (opened) {
            const list = items();
            list[focusOnOpen.current === 'last' ? list.length - 1 : 0]?.focus();
            focusOnOpen.current = 'first';
          } else setProblem(null);
        }}
        onKeyDown={moveFocus}
        className="absolute inset-auto m-0 w-60 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="border-b border-zinc-200 px-2.5 pt-1.5 pb-2 dark:border-zinc-800">
          <p className="truncate text-sm font-medium">{name}</p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{email}</p>
        </div>
        <div ref={menuRef} id={menuId} role="menu" aria-labelledby={buttonId} className="pt-1">
          <Link role="menuitem" tabIndex={-1} href="/settings" className={itemStyles} onClick={close}>
            Settings
          </Link>
          <button role="menuitem" tabIndex={-1} type="button" className={itemStyles} disabled={signingOut} onClick={() => void signOut()}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
        {problem && (
          <p role="alert" className="px-2.5 py-1.5 text-xs text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
      </div>
    </>
  );
}
