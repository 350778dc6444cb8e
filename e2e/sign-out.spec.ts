import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';
import { SiteHeader } from './pages/site-header';
import { OWNER, SIGNED_OUT } from './servers';

// Its own session: signing out the one the other specs share would sign them out too.
test.use(SIGNED_OUT);

test('the owner signs in where they were headed, signs out, and Back or a reload only shows the sign-in page', async ({ page, context }) => {
  const signIn = new SignInPage(page);
  const header = new SiteHeader(page);

  await test.step('a visitor of the settings page is sent to sign in first', async () => {
    await page.goto('/settings');
    await signIn.expectShown('/settings');
  });

  await test.step('a wrong password is refused with a plain message', async () => {
    await signIn.signIn({ email: OWNER.email, password: 'not-the-password' });
    await expect(signIn.problem).toHaveText('Wrong email or password.');
    await expect(signIn.form.getByLabel('Password')).toBeFocused();
  });

  await test.step('the right one brings them to the settings page', async () => {
    await signIn.signIn(OWNER);
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByTestId('account-facts')).toContainText(OWNER.email);
  });

  const [session] = (await context.cookies()).filter((cookie) => cookie.name === 'docent.session_token');
  expect(session, 'signing in set the session cookie').toBeTruthy();

  await test.step('they open the documents page, then sign out from the menu with the keyboard', async () => {
    await header.link('Documents').click();
    await expect(page).toHaveURL(/\/documents$/);
    await header.accountButton(OWNER.name).focus();
    await page.keyboard.press('ArrowDown');
    await expect(header.menu.getByRole('menuitem', { name: 'Settings' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(header.menu.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
    await page.keyboard.press('Enter');
    await signIn.expectShown();
    await expect(header.nav.getByRole('link')).toHaveText(['Docent']);
  });

  await test.step('Back shows the sign-in page, not the documents', async () => {
    await page.goBack();
    await signIn.expectShown('/documents');
    await page.reload();
    await signIn.expectShown('/documents');
  });

  await test.step('the old session cookie is dead on the server, not only gone from the browser', async () => {
    await context.addCookies([session!]);
    await page.goto('/documents');
    await signIn.expectShown('/documents');
    const me = await context.request.get('/api/trpc/account.me');
    expect(((await me.json()) as { result: { data: { json: unknown } } }).result.data.json).toBeNull();
  });

  await test.step('a next address on another site is ignored', async () => {
    await page.goto('/sign-in?next=//evil.example/steal');
    await signIn.signIn(OWNER);
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
