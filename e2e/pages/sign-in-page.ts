import { expect, type Locator, type Page } from '@playwright/test';

export interface Credentials {
  email: string;
  password: string;
}

/** /sign-in: the sign-in form, or on a new install the form that creates the owner's account. */
export class SignInPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly problem: Locator;
  readonly setupForm: Locator;
  readonly setupProblem: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.form = page.getByRole('form', { name: 'Sign in' });
    this.problem = page.getByTestId('sign-in-problem');
    this.setupForm = page.getByRole('form', { name: 'Create the owner account' });
    this.setupProblem = page.getByTestId('setup-problem');
  }

  /** The page a visitor is sent to, remembering where they were headed (`next`). */
  async expectShown(next?: string) {
    await expect(this.page).toHaveURL((url) => url.pathname === '/sign-in' && (next === undefined || url.searchParams.get('next') === next));
    await expect(this.form).toBeVisible();
    await expect(this.heading).toHaveText('Sign in to Docent');
  }

  async goto(next?: string) {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  }

  async signIn({ email, password }: Credentials) {
    await this.form.getByLabel('Email').fill(email);
    await this.form.getByLabel('Password').fill(password);
    await this.form.getByRole('button', { name: 'Sign in' }).click();
  }

  async fillOwner(owner: { name: string; email: string; password: string; confirmation?: string }) {
    await this.setupForm.getByLabel('Your name').fill(owner.name);
    await this.setupForm.getByLabel('Email').fill(owner.email);
    await this.setupForm.getByLabel('Password', { exact: true }).fill(owner.password);
    await this.setupForm.getByLabel('Password again').fill(owner.confirmation ?? owner.password);
  }

  get createOwnerButton(): Locator {
    return this.setupForm.getByRole('button', { name: 'Create the owner account' });
  }
}
