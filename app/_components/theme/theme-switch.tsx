'use client';

import { useId, useRef } from 'react';
import { placeUnder } from '../popover-placement';
import { iconButton } from '../styles';
import { THEMES, type Theme } from './theme-script';
import { useTheme } from './use-theme';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const ICONS: Record<Theme, React.ReactNode> = {
  system: <path d="M3 5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-3l.5 2H14a.75.75 0 0 1 0 1.5H6A.75.75 0 0 1 6 16h1.5l.5-2H5a2 2 0 0 1-2-2V5Zm2-.5a.5.5 0 0 0-.5.5v7a.5.5 0 0 0 .5.5h10a.5.5 0 0 0 .5-.5V5a.5.5 0 0 0-.5-.5H5Z" />,
  light: (
    <path d="M10 2a.75.75 0 0 1 .75.75v1.5a.75.75 0 0 1-1.5 0v-1.5A.75.75 0 0 1 10 2Zm0 13a.75.75 0 0 1 .75.75v1.5a.75.75 0 0 1-1.5 0v-1.5A.75.75 0 0 1 10 15Zm0-9a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm-8 4a.75.75 0 0 1 .75-.75h1.5a.75.75 0 0 1 0 1.5h-1.5A.75.75 0 0 1 2 10Zm13 0a.75.75 0 0 1 .75-.75h1.5a.75.75 0 0 1 0 1.5h-1.5A.75.75 0 0 1 15 10ZM4.34 4.34a.75.75 0 0 1 1.06 0l1.06 1.06a.75.75 0 0 1-1.06 1.06L4.34 5.4a.75.75 0 0 1 0-1.06Zm9.2 9.2a.75.75 0 0 1 1.06 0l1.06 1.06a.75.75 0 1 1-1.06 1.06l-1.06-1.06a.75.75 0 0 1 0-1.06Zm2.12-9.2a.75.75 0 0 1 0 1.06l-1.06 1.06a.75.75 0 1 1-1.06-1.06l1.06-1.06a.75.75 0 0 1 1.06 0Zm-9.2 9.2a.75.75 0 0 1 0 1.06L5.4 15.66a.75.75 0 0 1-1.06-1.06l1.06-1.06a.75.75 0 0 1 1.06 0Z" />
  ),
  dark: <path d="M7.46 2.3a.75.75 0 0 1 .2.8 6 6 0 0 0 7.74 7.73.75.75 0 0 1 .98.96A7.5 7.5 0 1 1 6.5 2.1a.75.75 0 0 1 .96.2Z" />,
};

function ThemeIcon({ theme }: { theme: Theme }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4.5">
      {ICONS[theme]}
    </svg>
  );
}

/**
 * System, light or dark, remembered by this browser: a header button opening three radio choices (native radios:
 * arrows move between them, Escape or a click outside closes the popover).
 */
export function ThemeSwitch() {
  const [theme, setTheme] = useTheme();
  const popoverId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={popoverId}
        className={iconButton}
        aria-label={`Theme: ${LABELS[theme]}`}
        title="Theme"
        data-testid="theme-button"
      >
        <ThemeIcon theme={theme} />
      </button>
      <div
        ref={popoverRef}
        id={popoverId}
        popover="auto"
        onBeforeToggle={(event) => {
          if (event.newState === 'open') placeUnder(buttonRef.current, popoverRef.current);
        }}
        onToggle={(event) => {
          if (event.newState === 'open') popoverRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
        }}
        className="absolute inset-auto m-0 w-40 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <fieldset>
          <legend className="px-2.5 pt-1 pb-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-400">Theme</legend>
          {THEMES.map((choice) => (
            <label
              key={choice}
              className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 has-focus-visible:bg-zinc-100 has-focus-visible:outline-2 has-focus-visible:outline-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:has-focus-visible:bg-zinc-800 dark:has-focus-visible:outline-zinc-100"
            >
              <input
                type="radio"
                name={`${popoverId}-theme`}
                value={choice}
                checked={theme === choice}
                onChange={() => setTheme(choice)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') popoverRef.current?.hidePopover();
                }}
                className="sr-only"
              />
              <ThemeIcon theme={choice} />
              <span className="flex-1">{LABELS[choice]}</span>
              {theme === choice && (
                <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 text-zinc-900 dark:text-zinc-100">
                  <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
                </svg>
              )}
            </label>
          ))}
        </fieldset>
      </div>
    </>
  );
}
