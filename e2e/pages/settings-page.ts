import { expect, type Locator, type Page } from '@playwright/test';

type Scope = 'Read' | 'Chat' | 'Ingest';

/** /settings: the account, its password and its API keys. */
export class SettingsPage {
  readonly heading: Locator;
  readonly keyForm: Locator;
  readonly newKey: Locator;
  readonly keyRows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    this.keyForm = page.getByRole('form', { name: 'New API key' });
    this.newKey = page.getByTestId('new-api-key');
    this.keyRows = page.getByTestId('api-key-row');
  }

  async goto() {
    await this.page.goto('/settings');
    await expect(this.heading).toBeVisible();
  }

  keyRow(name: string): Locator {
    return this.keyRows.and(this.page.locator(`[data-name=${JSON.stringify(name)}]`));
  }

  /** Creates a key with exactly these scopes and returns it as the page shows it, once. */
  async createApiKey(name: string, scopes: Scope[]): Promise<string> {
    await this.keyForm.getByLabel('Name').fill(name);
    for (const scope of ['Read', 'Chat', 'Ingest'] as const) {
      await this.keyForm.getByRole('checkbox', { name: new RegExp(`^${scope}\\b`) }).setChecked(scopes.includes(scope));
    }
    await this.keyForm.getByRole('button', { name: 'Create key' }).click();
    await expect(this.newKey).toBeVisible();
    const key = (await this.newKey.getByTestId('new-api-key-value').textContent()) ?? '';
    expect(key).toMatch(/^dcnt_\S{20,}$/);
    return key;
  }

  /** Revoke, then confirm. */
  async revoke(name: string) {
    const row = this.keyRow(name);
    await row.getByRole('button', { name: /^Revoke\b/ }).click();
    const confirmation = row.getByRole('group', { name: `Confirm revoking ${name}` });
    await expect(confirmation.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirmation.getByRole('button', { name: /^Revoke\b/ }).click();
    await expect(row).toHaveCount(0);
  }
}
