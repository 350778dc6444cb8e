import type { AppServer } from './app-server';

/** People of the HTTP tests: a browser session as the app gives it out, used the way a browser would. */

export interface Person {
  name: string;
  email: string;
  password: string;
}

export const OWNER: Person = { name: 'Olivia Owner', email: 'olivia@docent.test', password: 'owner-password-1' };

/** The cookies a response set, as one Cookie header. */
function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

export class Session {
  constructor(
    readonly app: AppServer,
    readonly cookie: string,
  ) {}

  /** A request from the app's own pages: the session cookie, and the Origin a browser sends. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookie);
    headers.set('origin', this.app.url);
    return fetch(`${this.app.url}${path}`, { ...init, headers });
  }

  /** POST JSON, answer parsed. */
  async post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await this.fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    return { status: response.status, headers: response.headers, body: await jsonOrText(response) };
  }

  async get(path: string) {
    const response = await this.fetch(path);
    return { status: response.status, body: await jsonOrText(response) };
  }

  /** A tRPC query (superjson on the wire): the data, or the error's status and message. */
  async query<T = unknown>(procedure: string, input?: unknown): Promise<TrpcResult<T>> {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    return trpcResult<T>(await this.fetch(`/api/trpc/${procedure}${search}`));
  }

  async mutate<T = unknown>(procedure: string, input: unknown): Promise<TrpcResult<T>> {
    return trpcResult<T>(
      await this.fetch(`/api/trpc/${procedure}`, { method: 'POST', body: JSON.stringify({ json: input }), headers: { 'content-type': 'application/json' } }),
    );
  }
}

export type TrpcResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; code: string };

async function trpcResult<T>(response: Response): Promise<TrpcResult<T>> {
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string; data: { code: string } } } };
  if (body.result) return { ok: true, data: body.result.data.json };
  return { ok: false, status: response.status, message: body.error!.json.message, code: body.error!.json.data.code };
}

async function jsonOrText(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The first visitor of a new install creates the owner's account and is signed in. */
export async function setUpOwner(app: AppServer, person: Person = OWNER): Promise<Session> {
  const response = await fetch(`${app.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify(person),
  });
  if (response.status !== 204) throw new Error(`setup: HTTP ${response.status} ${await response.text()}`);
  return new Session(app, cookieOf(response));
}

export async function signIn(app: AppServer, person: Pick<Person, 'email' | 'password'>): Promise<Session> {
  const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${person.email}: HTTP ${response.status} ${await response.text()}`);
  return new Session(app, cookieOf(response));
}

/** An admin creates a person, who then signs in. */
export async function addPerson(admin: Session, person: Person, role: 'admin' | 'member' = 'member'): Promise<Session> {
  const created = await admin.mutate('users.create', { ...person, role });
  if (!created.ok) throw new Error(`users.create: ${created.status} ${created.message}`);
  return signIn(admin.app, person);
}
