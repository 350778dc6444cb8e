import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, OWNER, setUpOwner, signIn, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';

/**
 * Two people on one install, over real HTTP: neither reads, continues, renames or deletes what is the other's;
 * private vaults stay private down to the search, shared ones work; API keys act within their scopes; revoked
 * keys, signed-out sessions and disabled people are refused at once.
 */

const MEMBER = { name: 'Max Member', email: 'max@docent.test', password: 'member-password-1' };
const ADMIN_TOKEN = 'accounts-test-admin-token';

type Sources = { sources: Array<{ document_id: string; title: string }> };

describe('accounts and ownership', () => {
  let app: AppServer;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let owner: Session;
  let member: Session;
  let secretVault: string;
  let secretDoc: string;

  beforeAll(async () => {
    data = await tempDir('docent-accounts-');
    app = await startAppServer({ DATA_DIR: data.path, ADMIN_TOKEN, RESPONSE_CACHE_TTL: '0' });
    owner = await setUpOwner(app);
    member = await addPerson(owner, MEMBER);
    // The shared library (the default vault) has enough passages for a full top 5 on any question.
    for (const [i, text] of ['Lamps are checked every spring.', 'Lamp bulbs are ordered in March.', 'The lamp room is locked at night.',
      'Spare lamps are in the store.', 'Lamp logs are kept for a year.', 'Lamp cleaning uses a soft cloth.'].entries()) {
      expect((await owner.post('/ingest', { text, title: `Lamp note ${i}` })).status).toBe(200);
    }
    const vault = await owner.post('/vaults', { name: 'Board papers' });
    secretVault = (vault.body as { vault_id: string }).vault_id;
    const ingested = await owner.post('/ingest', {
      text: 'The lamp budget for ZQ-7 lamps is 91,000 euros. Lamp lamp lamp: the ZQ-7 lamp plan is confidential.',
      title: 'Lamp budget',
      vault_id: secretVault,
    });
    secretDoc = (ingested.body as { document_id: string }).document_id;
  });
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  it('lets only the first visitor create the owner', async () => {
    const again = await fetch(`${app.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory', email: 'mallory@docent.test', password: 'mallory-password' }),
    });
    expect(again.status).toBe(403);
    expect(await owner.query('account.me')).toMatchObject({ ok: true, data: { role: 'admin', email: OWNER.email } });
  });

  it('keeps conversations to their person: two "test" sessions never meet', async () => {
    expect((await owner.post('/chat', { session_id: 'test', message: 'When are lamps checked?' })).status).toBe(200);
    expect((await owner.post('/chat', { session_id: 'owner-only', message: 'Who orders bulbs?' })).status).toBe(200);

    expect(await member.query('sessions.list')).toEqual({ ok: true, data: [] });
    expect(await member.query('sessions.get', { id: 'test' })).toEqual({ ok: true, data: null });
    expect(await member.mutate('sessions.rename', { id: 'owner-only', title: 'Mine now' })).toMatchObject({ ok: false, status: 404 });
    expect(await member.mutate('sessions.delete', { id: 'owner-only' })).toMatchObject({ ok: false, status: 404 });

    // The member's own "test" is a new conversation; the owner's is untouched.
    expect((await member.post('/chat', { session_id: 'test', message: 'Where are spare lamps?' })).status).toBe(200);
    const ownerTest = await owner.query<{ messages: unknown[] }>('sessions.get', { id: 'test' });
    expect(ownerTest.ok && ownerTest.data.messages).toHaveLength(2);
    const memberList = await member.query<Array<{ id: string }>>('sessions.list');
    expect(memberList.ok && memberList.data.map((s) => s.id)).toEqual(['test']);
    expect((await owner.query<Array<{ id: string }>>('sessions.get', { id: 'owner-only' })).ok).toBe(true);
  });

  it('keeps a private vault private, down to the search, which still fills the top k', async () => {
    const vaults = (await member.get('/vaults')).body as { vaults: Array<{ vault_id: string }> };
    expect(vaults.vaults.map((v) => v.vault_id)).not.toContain(secretVault);
    expect((await member.get(`/vaults/${secretVault}`)).status).toBe(404);
    expect((await member.get(`/documents/${secretDoc}`)).status).toBe(404);
    expect((await member.fetch(`/documents/${secretDoc}`, { method: 'DELETE' })).status).toBe(404);
    expect((await member.post('/ingest', { text: 'Planted.', vault_id: secretVault })).status).toBe(404);
    expect((await member.post('/chat', { session_id: 'probe', message: 'ZQ-7 lamp budget?', vault_id: secretVault })).status).toBe(404);

    // The secret passage is the best match for this question, and still never reaches the member.
    const asked = await member.post('/chat', { session_id: 'probe', message: 'What is the ZQ-7 lamp budget?', config: { top_k: 5 } });
    const { sources } = asked.body as Sources;
    expect(sources).toHaveLength(5);
    expect(sources.map((s) => s.document_id)).not.toContain(secretDoc);
    const ownerAsked = await owner.post('/chat', { session_id: 'probe', message: 'What is the ZQ-7 lamp budget?', config: { top_k: 5 } });
    expect((ownerAsked.body as Sources).sources[0]!.document_id).toBe(secretDoc);
  });

  it('shares a vault for reading, then for writing', async () => {
    const people = await owner.query<Array<{ id: string; email: string }>>('vaults.people');
    const memberId = people.ok ? people.data.find((p) => p.email === MEMBER.email)!.id : '';
    expect(await owner.mutate('vaults.share', { id: secretVault, visibility: 'shared', everyoneAccess: 'read', members: [{ userId: memberId, access: 'read' }] })).toMatchObject({ ok: true });

    const asked = await member.post('/chat', { session_id: 'shared', message: 'What is the ZQ-7 lamp budget?', vault_id: secretVault });
    expect((asked.body as Sources).sources.map((s) => s.document_id)).toContain(secretDoc);
    expect((await member.get(`/documents/${secretDoc}`)).status).toBe(200);
    expect((await member.post('/ingest', { text: 'Read-only, so refused.', vault_id: secretVault })).status).toBe(404);
    expect((await member.fetch(`/documents/${secretDoc}`, { method: 'DELETE' })).status).toBe(403);
    expect(await member.mutate('vaults.share', { id: secretVault, visibility: 'everyone', everyoneAccess: 'write', members: [] })).toMatchObject({ ok: false, status: 403 });

    await owner.mutate('vaults.share', { id: secretVault, visibility: 'everyone', everyoneAccess: 'write', members: [] });
    expect((await member.post('/ingest', { text: 'Now anyone here may add notes.', title: 'Member note', vault_id: secretVault })).status).toBe(200);
    expect((await member.fetch(`/vaults/${secretVault}`, { method: 'DELETE' })).status).toBe(403);
    await owner.mutate('vaults.share', { id: secretVault, visibility: 'private', everyoneAccess: 'read', members: [] });
    expect((await member.get(`/documents/${secretDoc}`)).status).toBe(404);
  });

  it('acts with an API key within its scopes, and refuses it once revoked', async () => {
    const created = await member.mutate<{ id: string; key: string }>('account.createApiKey', { name: 'CI', scopes: ['read'] });
    if (!created.ok) throw new Error(created.message);
    const key = created.data.key;
    const bearer = (path: string, init: RequestInit = {}) =>
      fetch(`${app.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });

    expect((await bearer('/vaults')).status).toBe(200);
    const chat = await bearer('/chat', { method: 'POST', body: JSON.stringify({ session_id: 'k', message: 'Lamps?' }) });
    expect(chat.status).toBe(403);
    expect(((await chat.json()) as { error: string }).error).toMatch(/“chat” scope/);
    const keys = await member.query<Array<{ id: string; lastUsedAt: string | null; scopes: string[] }>>('account.apiKeys');
    expect(keys.ok && keys.data[0]).toMatchObject({ scopes: ['read'], lastUsedAt: expect.anything() });
    // Other people's keys are not theirs to list or revoke.
    expect(await owner.mutate('account.revokeApiKey', { id: created.data.id })).toMatchObject({ ok: false, status: 404 });

    expect(await member.mutate('account.revokeApiKey', { id: created.data.id })).toMatchObject({ ok: true });
    expect((await bearer('/vaults')).status).toBe(401);
    expect((await fetch(`${app.url}/vaults`, { headers: { authorization: 'Bearer dcnt_not-a-real-key' } })).status).toBe(401);
  });

  it('refuses the anonymous original API unless an operator allows it, and the admin token reads no one’s data', async () => {
    const anonymous = await fetch(`${app.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'test', message: 'Lamps?' }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/ALLOW_ANONYMOUS_API=true/);
    expect((await fetch(`${app.url}/api/trpc/sessions.list`)).status).toBe(401);

    const operator = { authorization: `Bearer ${ADMIN_TOKEN}` };
    expect((await fetch(`${app.url}/metrics`, { headers: operator })).status).toBe(200);
    expect((await fetch(`${app.url}/documents/${secretDoc}`, { headers: operator })).status).toBe(403);
  });

  it('ends a session at sign-out, and a disabled person’s sessions and keys at once', async () => {
    const second = await signIn(app, MEMBER);
    expect((await second.query('sessions.list')).ok).toBe(true);
    expect((await second.post('/api/auth/sign-out', {})).status).toBe(200);
    expect(await second.query('sessions.list')).toMatchObject({ ok: false, status: 401 });

    const key = await member.mutate<{ key: string }>('account.createApiKey', { name: 'Laptop', scopes: ['read', 'chat'] });
    const people = await owner.query<Array<{ id: string; email: string }>>('users.list');
    const memberId = people.ok ? people.data.find((p) => p.email === MEMBER.email)!.id : '';
    expect(await member.mutate('users.setDisabled', { userId: memberId, disabled: true })).toMatchObject({ ok: false, status: 403 });
    expect(await owner.mutate('users.setDisabled', { userId: memberId, disabled: true })).toMatchObject({ ok: true });

    expect(await member.query('sessions.list')).toMatchObject({ ok: false, status: 401 });
    const withKey = await fetch(`${app.url}/vaults`, { headers: { authorization: `Bearer ${key.ok ? key.data.key : ''}` } });
    expect(withKey.status).toBe(401);
    await expect(signIn(app, MEMBER)).rejects.toThrow(/HTTP 403/);

    expect(await owner.mutate('users.setDisabled', { userId: memberId, disabled: false })).toMatchObject({ ok: true });
    expect((await (await signIn(app, MEMBER)).query('sessions.list')).ok).toBe(true);
  });

  it('slows and then refuses repeated wrong passwords, saying when to try again', async () => {
    const attempt = () =>
      fetch(`${app.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ email: 'guesser@docent.test', password: 'not-the-password' }),
      });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6 && !refused; i++) {
      const response = await attempt();
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused!.json()) as { error: string }).error).toMatch(/Too many failed sign-ins/);
    // Another account signing in is not held up by it.
    expect((await signIn(app, MEMBER)).cookie).toContain('docent.session_token');
  });
});
