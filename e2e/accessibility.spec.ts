import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, saveFullPage } from './pages/accessibility';
import { ChatPage, HARBOUR_HANDBOOK, ingestDocument } from './pages/chat-page';
import { ALL_LOOKS } from './pages/looks';
import { FRESH_APP_URL, SIGNED_OUT } from './servers';

/**
 * Every page in both sizes and both themes: no serious or critical axe violation (WCAG 2.1 AA), and a full-page
 * screenshot of each kept as a test artefact.
 */

interface PageVisit {
  name: string;
  open: (page: Page) => Promise<void>;
}

const heading = (page: Page, name: string | RegExp) => expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

const SIGNED_IN_PAGES: PageVisit[] = [
  {
    name: 'chat-empty',
    open: async (page) => {
      await new ChatPage(page).goto();
      // In the header's row; on a phone for screen readers only.
      await expect(page.getByRole('heading', { level: 1, name: 'New chat' })).toBeAttached();
    },
  },
  {
    name: 'chat-answer',
    open: async (page) => {
      await ingestDocument(page.request, HARBOUR_HANDBOOK);
      const chat = new ChatPage(page);
      await chat.goto();
      await chat.ask('When is high water at the harbour?');
      await chat.expectAnswered();
    },
  },
  { name: 'documents', open: async (page) => (await page.goto('/documents'), heading(page, 'Documents')) },
  { name: 'settings', open: async (page) => (await page.goto('/settings'), heading(page, 'Settings')) },
  {
    name: 'admin',
    open: async (page) => {
      await page.goto('/admin');
      await heading(page, 'Admin');
      await expect(page.getByTestId('stat-requests')).toBeVisible({ timeout: 20_000 });
    },
  },
  { name: 'admin-people', open: async (page) => (await page.goto('/admin/people'), heading(page, /People/)) },
  {
    name: 'not-found',
    open: async (page) => {
      expect((await page.goto('/no-such-page'))?.status()).toBe(404);
      await heading(page, 'Page not found');
    },
  },
];

// axe reads every node of a page: the admin page's charts take it a while on a busy machine.
test.describe.configure({ timeout: 90_000 });

for (const look of ALL_LOOKS) {
  const slug = look.name.replace(', ', '-');
  test.describe(look.name, () => {
    test.use({ viewport: look.viewport, colorScheme: look.colorScheme, hasTouch: look.viewport.width < 600 });

    for (const visit of SIGNED_IN_PAGES) {
      test(`${visit.name} has no serious accessibility problems`, async ({ page }, testInfo) => {
        await visit.open(page);
        await saveFullPage(page, testInfo, `${visit.name}-${slug}`);
        await expectNoSeriousViolations(page, testInfo, `${visit.name} (${look.name})`);
      });
    }

    test.describe('signed out', () => {
      test.use(SIGNED_OUT);

      test('sign-in has no serious accessibility problems', async ({ page }, testInfo) => {
        await page.goto('/sign-in');
        await heading(page, 'Sign in to Docent');
        await saveFullPage(page, testInfo, `sign-in-${slug}`);
        await expectNoSeriousViolations(page, testInfo, `sign-in (${look.name})`);
      });

      test('the fresh install’s first page has no serious accessibility problems', async ({ page }, testInfo) => {
        await page.goto(`${FRESH_APP_URL}/sign-in`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await saveFullPage(page, testInfo, `first-visit-${slug}`);
        await expectNoSeriousViolations(page, testInfo, `first visit (${look.name})`);
      });
    });
  });
}
