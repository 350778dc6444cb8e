import { expect, type Locator, type Page } from '@playwright/test';

/** The header on every page: the logo, the links a person may use, and their account menu. */
export class SiteHeader {
  readonly nav: Locator;
  readonly menu: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.menu = page.getByRole('menu');
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
}
