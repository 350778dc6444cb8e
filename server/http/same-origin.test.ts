import { describe, expect, it } from 'vitest';
import { assertSameOrigin } from './same-origin';

const check = (method: string, values: Record<string, string>, trustProxy = 0) => () =>
  assertSameOrigin(method, new Headers({ host: 'docs.example.com', ...values }), trustProxy);
const refused = expect.objectContaining({ code: 'FORBIDDEN', status: 403 });

describe('the same-origin check', () => {
  it('lets API clients through: no Origin, no Sec-Fetch-Site', () => {
    expect(check('POST', {})).not.toThrow();
    expect(check('DELETE', {})).not.toThrow();
  });

  it('lets the app’s own pages through', () => {
    expect(check('POST', { 'sec-fetch-site': 'same-origin', origin: 'https://docs.example.com' })).not.toThrow();
    expect(check('POST', { origin: 'https://docs.example.com' })).not.toThrow();
  });

  it('refuses another site’s form or fetch', () => {
    expect(check('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).toThrow(refused);
    expect(check('POST', { 'sec-fetch-site': 'same-site', origin: 'https://blog.example.com' })).toThrow(refused);
    expect(check('DELETE', { origin: 'https://evil.example' })).toThrow(refused);
    expect(check('POST', { origin: 'null' })).toThrow(refused);
  });

  it('never checks reads', () => {
    expect(check('GET', { 'sec-fetch-site': 'cross-site' })).not.toThrow();
  });

  it('compares with the host a trusted proxy says the client asked for', () => {
    const behindProxy = { host: 'app:3000', 'x-forwarded-host': 'docs.example.com', origin: 'https://docs.example.com' };
    expect(check('POST', behindProxy, 1)).not.toThrow();
    expect(check('POST', behindProxy, 0)).toThrow(refused);
  });
});
