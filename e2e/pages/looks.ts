import { test } from '@playwright/test';

/**
 * The two looks every user story runs in: a laptop in light mode and a phone in dark mode. Together they cover
 * both sizes and both themes without running every story four times on a two-core machine; the page-by-page
 * accessibility and screenshot spec covers all four combinations.
 */
const LOOKS = [
  { name: 'desktop, light', viewport: { width: 1440, height: 900 }, colorScheme: 'light' },
  { name: 'phone, dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
] as const;

export type Look = (typeof LOOKS)[number];

/** Both sizes in both themes: for the page-by-page accessibility and screenshot spec. */
export const ALL_LOOKS = [
  { name: 'desktop, light', viewport: { width: 1440, height: 900 }, colorScheme: 'light' },
  { name: 'desktop, dark', viewport: { width: 1440, height: 900 }, colorScheme: 'dark' },
  { name: 'phone, light', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
  { name: 'phone, dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
] as const;

/** Declares `body` once per look, inside a describe named after it, with the look's viewport and colour scheme. */
export function inEachLook(body: (look: Look) => void): void {
  for (const look of LOOKS) {
    test.describe(look.name, () => {
      test.use({ viewport: look.viewport, colorScheme: look.colorScheme, hasTouch: look.viewport.width < 600 });
      body(look);
    });
  }
}
