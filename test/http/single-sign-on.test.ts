import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, setUpOwner } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';
import { freePort } from '@/test/support/free-port';
import { startOidcProvider, type OidcProvider } from '@/test/support/oidc-provider';

/** Cookies per host, as a browser keeps them, for following the sign-in redirects across two origins. */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  store(url: URL, response: Response): void {
    const jar = this.byHost.get(url.host) ?? new Map<string, string>();
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(url.host, jar);
  }

  header(url: URL): string {
    return [...(this.byHost.get(url.host) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Follows redirects by hand, carrying each host's cookies, until the browser would land on a page of the app. */
async function follow(start: string, jar: CookieJar, appOrigin: string): Promise<URL> {
  let url = new URL(start);
  for (let hop = 0; hop < 15; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`sign-in stopped at ${url.pathname} with HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    url = new URL(location, url);
    if (url.origin === appOrigin && !url.pathname.startsWith('/api/auth/')) return url;
  }
  throw new Error('too many redirects');
}

describe('single sign-on through an OpenID Connect provider', () => {
  let app: AppServer;
  let idp: OidcProvider;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let owner: Session;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider({ redirectUri: `${publicUrl}/api/auth/callback/oidc` });
    data = await tempDir('docent-sso-');
    app = await startAppServer(
      { DATA_DIR: data.path, PUBLIC_URL: publicUrl, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_NAME: 'Test IdP' },
      'serve',
      port,
    );
    owner = await setUpOwner(app);
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.close();
    await data?.remove();
  });

  it('signs a new person in as a member, with the name and email the provider vouches for', async () => {
    const jar = new CookieJar();
    const appUrl = new URL(app.url);
    const started = await fetch(`${app.url}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ provider: 'oidc', callbackURL: '/documents' }),
    });
    jar.store(appUrl, started);
    const { url } = (await started.json()) as { url: string };
    expect(new URL(url).origin).toBe(idp.issuer);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');

    const landed = await follow(url, jar, app.url);
    expect(landed.pathname).toBe('/documents');

    const ada = new Session(app, jar.header(appUrl));
    expect(await ada.query('account.me')).toMatchObject({ ok: true, data: { name: idp.account.name, email: idp.account.email, role: 'member' } });
    // A member with an empty history, who cannot see the owner's things.
    expect(await ada.query('sessions.list')).toEqual({ ok: true, data: [] });
    const people = await owner.query<Array<{ email: string; role: string }>>('users.list');
    expect(people.ok && people.data.map((p) => [p.email, p.role])).toContainEqual([idp.account.email, 'member']);
  });
});
