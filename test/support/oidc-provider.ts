import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './free-port';

/**
 * A real OpenID Connect provider (panva's oidc-provider, certified) on loopback, for single sign-on tests. Its
 * login and consent screens are replaced by an instant "yes" for one account: the tests exercise Docent's side of
 * the flow (discovery, PKCE, the code exchange, ID token checks, the account it creates), not a login form.
 */
export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  account: { sub: string; email: string; name: string };
  close(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUri: string }): Promise<OidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'docent-test';
  const clientSecret = 'docent-test-secret-0123456789';
  const account = { sub: 'ada-lovelace', email: 'ada@idp.test', name: 'Ada Lovelace' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, sub) =>
      sub === account.sub ? { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: true, name: account.name }) } : undefined,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });

  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void provider.callback()(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    account,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
