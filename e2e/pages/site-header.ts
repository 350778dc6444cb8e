import { expect, type Locator, type Page } from '@playwright/test';

export type ThemeChoice = 'System' | 'Light' | 'Dark';

/** The header on every page: the logo, the links a person may use, the theme switch and their account menu. */
export class SiteHeader {
  readonly header: Locator;
  readonly nav: Locator;
  readonly menu: Locator;
  readonly themeButton: Locator;
  readonly offlineBadge: Locator;
  readonly offlineDetails: Locator;
  readonly skipLink: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.menu = page.getByRole('menu');
    this.themeButton = page.getByTestId('theme-button');
    this.offlineBadge = page.getByTestId('offline-badge');
    this.offlineDetails = page.getByTestId('offline-details');
    this.skipLink = page.getByRole('link', { name: 'Skip to content' });
    this.main = page.locator('main#main');
  }

  link(name: 'Chat' | 'Documents' | 'Admin'): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** The button with the signed-in person's name that opens their menu. */
  accountButton(name: string): Locator {
    return this.nav.getByRole('button', { name });
  }

  async openMenu(name: string) {
    await this.accountButton(name).click();
    await expect(this.menu).toBeVisible();
  }

  async openSettings(name: string) {
    await this.openMenu(name);
    await this.menu.getByRole('menuitem', { name: 'Settings' }).click();
    await expect(this.page).toHaveURL(/\/settings$/);
  }

  async signOut(name: string) {
    await this.openMenu(name);
    await this.menu.getByRole('menuitem', { name: 'Sign out' }).click();
  }

  /** Opens the theme switch and picks a theme; the popover closes on Escape. */
  async chooseTheme(theme: ThemeChoice) {
    await this.themeButton.click();
    await this.page.locator('label').filter({ has: this.page.getByRole('radio', { name: theme }) }).click();
    await expect(this.page.getByRole('radio', { name: theme })).toBeChecked();
    await this.page.keyboard.press('Escape');
    await expect(this.themeButton).toHaveAccessibleName(`Theme: ${theme}`);
  }

  /** Whether the page is drawn dark: the class the theme script sets, which Tailwind's dark variant follows. */
  async isDark(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.classList.contains('dark'));
  }

  /** The page's background colour as drawn. */
  async background(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  /** The boxes of every control the header shows (not those for screen readers only), to check they share one row. */
  async controlBoxes() {
    return this.header.locator('a, button, h1').evaluateAll((elements) =>
      elements
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 1 && box.height > 1)
        .map(({ element, box }) => ({
          name: element.textContent?.trim() || element.getAttribute('aria-label') || element.tagName,
          top: box.top,
          bottom: box.bottom,
          right: box.right,
        })),
    );
  }
}
