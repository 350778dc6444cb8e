import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { SiteHeader } from './pages/site-header';
import { FRESH_APP_URL, SIGNED_OUT } from './servers';

// An install nobody has set up yet, in a browser nobody has signed in with.
test.use({ baseURL: FRESH_APP_URL, ...SIGNED_OUT });

const OWNER = { name: 'Frida First', email: 'frida@docent.test', password: 'frida-first-password' };

test('the first visitor of a new install creates the owner account and is signed in', async ({ page, browser }) => {
  const signIn = new SignInPage(page);
  const header = new SiteHeader(page);

  await test.step('opening the documents page, they are asked to create the owner account', async () => {
    await page.goto('/documents');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdocuments$/);
    await expect(signIn.heading).toHaveText('Create the owner account');
    await expect(signIn.form).toHaveCount(0);
    await expect(header.nav.getByRole('link')).toHaveText(['Docent']);
  });

  await test.step('two different passwords are caught before anything is sent', async () => {
    await signIn.fillOwner({ ...OWNER, confirmation: 'something-else-entirely' });
    await expect(signIn.setupForm.getByText('The two passwords differ.')).toBeVisible();
    await expect(signIn.createOwnerButton).toBeDisabled();
    await page.screenshot({ path: 'test-results/first-visit.png', fullPage: true });
  });

  await test.step('with matching passwords they land on the documents page, signed in as an administrator', async () => {
    await signIn.fillOwner(OWNER);
    await signIn.createOwnerButton.click();
    await expect(page).toHaveURL(/\/documents$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    await expect(header.accountButton(OWNER.name)).toBeVisible();
    await expect(header.link('Admin')).toBeVisible();
  });

  await test.step('the next visitor finds a sign-in form, and the owner account is taken', async () => {
    const context = await browser.newContext({ baseURL: FRESH_APP_URL, ...SIGNED_OUT });
    const next = new SignInPage(await context.newPage());
    await next.goto();
    await next.expectShown();
    const again = await context.request.post('/api/setup', { data: { ...OWNER, email: 'mallory@docent.test' } });
    expect(again.status()).toBe(403);
    await context.close();
  });
});
