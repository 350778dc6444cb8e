import { expect, type Locator, type Page } from '@playwright/test';

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** Admin → People: everyone with an account, and the form to add someone. */
export class PeoplePage {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'People' });
    this.rows = page.getByTestId('person-row');
    this.form = page.getByRole('form', { name: 'New person' });
  }

  async goto() {
    await this.page.goto('/admin/people');
    await expect(this.heading).toBeVisible();
  }

  row(email: string): Locator {
    return this.rows.and(this.page.locator(`[data-email=${JSON.stringify(email)}]`));
  }

  /** Add a person, the form's confirmation says they can sign in, and they are listed. */
  async addPerson(person: Person, role: 'member' | 'admin' = 'member') {
    await this.page.getByRole('button', { name: 'Add a person' }).click();
    await this.form.getByLabel('Name').fill(person.name);
    await this.form.getByLabel('Email').fill(person.email);
    await this.form.getByLabel('First password').fill(person.password);
    await this.form.getByLabel('Role').selectOption(role);
    await this.form.getByRole('button', { name: 'Create account' }).click();
    await expect(this.page.getByTestId('person-created')).toContainText(`${person.name} can now sign in as ${person.email}`);
    await expect(this.row(person.email)).toHaveAttribute('data-status', 'active');
  }

  /** Disable, then confirm. */
  async disable(email: string) {
    const row = this.row(email);
    await row.getByRole('button', { name: /^Disable\b/ }).click();
    await row.getByRole('group', { name: /^Confirm disabling/ }).getByRole('button', { name: /^Disable\b/ }).click();
    await expect(row).toHaveAttribute('data-status', 'disabled');
  }
}
