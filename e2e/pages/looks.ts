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

function inLook(look: Look, body: (look: Look) => void): void {
  test.describe(look.name, () => {
    test.use({ viewport: look.viewport, colorScheme: look.colorScheme, hasTouch: look.viewport.width < 600 });
    body(look);
  });
}

/**
 * Declares `body` once per look, inside a describe named after it, with the look's viewport and colour scheme:
 * for the stories whose layout is the point (the header's row, the viewer beside the chat or over it, paging).
 */
export function inEachLook(body: (look: Look) => void): void {
  for (const look of LOOKS) inLook(look, body);
}

/**
 * Declares `body` in one look only: for a story about behaviour (an error's wording, a re-embed's progress, an
 * upload's outcome) whose pages the two-look stories and the accessibility spec already lay out in every look.
 * Such stories are spread over both looks, so each look still runs a share of them.
 */
export function inOneLook(name: Look['name'], body: (look: Look) => void): void {
  inLook(LOOKS.find((look) => look.name === name)!, body);
}
