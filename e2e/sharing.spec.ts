import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { DocumentsPage } from './pages/documents-page';
import { PeoplePage, type Person } from './pages/people-page';
import { SignInPage } from './pages/sign-in-page';
import { SiteHeader } from './pages/site-header';
import { OFFLINE_APP_URL, OWNER, SIGNED_OUT } from './servers';

const KEEPERS_LOG = {
  title: 'Keeper’s log',
  text: 'At dusk the keeper lights the lamp and winds the clockwork that turns the lens. In fog he sounds the horn twice a minute.',
};
const QUESTION = 'What does the keeper do at dusk?';

/** A private vault of the owner's with one document, and a conversation of theirs about it (through the API). */
async function ownersPrivateThings(request: APIRequestContext, vaultName: string) {
  const vault = await request.post('/vaults', { data: { name: vaultName } });
  expect(vault.ok(), await vault.text()).toBe(true);
  const { vault_id: vaultId } = (await vault.json()) as { vault_id: string };
  const ingest = await request.post('/ingest', { data: { ...KEEPERS_LOG, vault_id: vaultId } });
  expect(ingest.ok(), await ingest.text()).toBe(true);
  const sessionId = randomUUID();
  const chat = await request.post('/chat', { data: { session_id: sessionId, message: QUESTION, vault_id: vaultId } });
  expect(chat.ok(), await chat.text()).toBe(true);
  return { vaultId, sessionId };
}

/** Someone signing in in a browser of their own. */
async function signInElsewhere(browser: Browser, person: Person) {
  const context = await browser.newContext({ baseURL: OFFLINE_APP_URL, ...SIGNED_OUT });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(person);
  return { context, page, signIn };
}

test('the owner adds a member, who sees nothing of the owner’s until a vault is shared with them, and then can only read it', async ({
  page,
  browser,
  request,
}) => {
  const suffix = randomUUID().slice(0, 8);
  const member = { name: `Mina ${suffix}`, email: `mina-${suffix}@docent.test`, password: 'mina-first-password' };
  const vaultName = `Lighthouse ${suffix}`;
  const { vaultId, sessionId: ownersConversation } = await ownersPrivateThings(request, vaultName);

  await test.step('the owner adds Mina as a member on Admin → People', async () => {
    const people = new PeoplePage(page);
    await people.goto();
    await people.addPerson(member);
    await expect(people.row(member.email)).toContainText('Member');
  });

  const mina = await signInElsewhere(browser, member);
  const minaChat = new ChatPage(mina.page);
  const minaDocuments = new DocumentsPage(mina.page);

  await test.step('Mina signs in: her conversation list is empty and she has no Admin link', async () => {
    await expect(mina.page).toHaveURL(`${OFFLINE_APP_URL}/`);
    await expect(minaChat.noConversations).toBeVisible();
    await expect(minaChat.sessionItems).toHaveCount(0);
    await expect(new SiteHeader(mina.page).accountButton(member.name)).toBeVisible();
    await expect(new SiteHeader(mina.page).link('Admin')).toHaveCount(0);
  });

  await test.step('the owner’s conversation, opened by its address, shows her nothing of theirs', async () => {
    await minaChat.goto(ownersConversation);
    await expect(minaChat.title).toHaveText('New chat');
    await expect(minaChat.userMessages).toHaveCount(0);
    await expect(mina.page.getByText(QUESTION)).toHaveCount(0);
  });

  await test.step('neither the owner’s vault nor its document is on her documents page', async () => {
    await minaDocuments.goto();
    expect((await minaDocuments.vaultOptions()).join('\n')).not.toContain(vaultName);
    await expect(minaDocuments.documentRow(KEEPERS_LOG.title)).toHaveCount(0);
    await mina.page.goto('/admin');
    await expect(mina.page.getByTestId('not-an-admin')).toContainText('This page is for administrators');
  });

  await test.step('the owner shares the vault with Mina, to read', async () => {
    const documents = new DocumentsPage(page);
    await documents.goto();
    await documents.chooseVault(vaultName);
    await documents.shareWith(member.name, 'Can read');
    await page.screenshot({ path: 'test-results/sharing-owner.png', fullPage: true });
  });

  await test.step('Mina finds it, marked read only: nothing to upload or paste with, and no Delete', async () => {
    await minaDocuments.goto();
    const label = `${vaultName} · ${OWNER.name} · read only`;
    expect(await minaDocuments.vaultOptions()).toContain(label);
    await minaDocuments.chooseVault(label);
    await expect(minaDocuments.vaultAccess).toHaveText(`${OWNER.name}’s vault: you can read it.`);
    await expect(minaDocuments.readOnlyNote).toBeVisible();
    await expect(minaDocuments.fileInput).toHaveCount(0);
    await expect(minaDocuments.pasteText).toHaveCount(0);
    const row = minaDocuments.documentRow(KEEPERS_LOG.title);
    await expect(row).toHaveAttribute('data-status', 'ready');
    await expect(row.getByRole('button', { name: /^Delete\b/ })).toHaveCount(0);
    await mina.page.screenshot({ path: 'test-results/sharing-member.png', fullPage: true });
  });

  await test.step('adding to it behind the page’s back is refused by the server', async () => {
    const refused = await mina.context.request.post('/ingest', { data: { title: 'Graffiti', text: 'Mina was here.', vault_id: vaultId } });
    expect(refused.status()).toBe(404);
    expect(await refused.text()).toContain('you cannot add documents to it');
  });

  await test.step('Mina asks about it in the chat and gets an answer citing the owner’s document', async () => {
    await minaChat.goto();
    await minaChat.chooseVault(`${vaultName} · ${OWNER.name}`);
    await minaChat.ask(QUESTION);
    await minaChat.expectAnswered();
    await expect(minaChat.answerText()).toContainText('lights the lamp');
    await expect(minaChat.citationChips()).not.toHaveCount(0);
    await expect(minaChat.lastAnswer.getByTestId('source-item').first()).toContainText(KEEPERS_LOG.title);
  });

  await mina.context.close();
});

test('a disabled person is told so when signing in, and can sign in again once enabled', async ({ page, browser }) => {
  const suffix = randomUUID().slice(0, 8);
  const person = { name: `Dora ${suffix}`, email: `dora-${suffix}@docent.test`, password: 'dora-first-password' };
  const people = new PeoplePage(page);
  await people.goto();
  await people.addPerson(person);
  await people.disable(person.email);

  const dora = await signInElsewhere(browser, person);
  await expect(dora.signIn.problem).toHaveText('This account is disabled. Ask an administrator to enable it again.');
  await dora.page.screenshot({ path: 'test-results/sign-in-disabled.png', fullPage: true });

  await people.row(person.email).getByRole('button', { name: /^Enable\b/ }).click();
  await expect(people.row(person.email)).toHaveAttribute('data-status', 'active');
  await dora.signIn.signIn(person);
  await expect(dora.page).toHaveURL(`${OFFLINE_APP_URL}/`);
  await dora.context.close();
});
