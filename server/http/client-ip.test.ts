import { describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '@/server/serve-contract.mjs';
import { clientIp } from './client-ip';

const headers = (values: Record<string, string>) => new Headers(values);

describe('the client address', () => {
  it('is the peer the production server saw, IPv4-mapped addresses unwrapped', () => {
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: '::ffff:192.0.2.7' }), 0)).toBe('192.0.2.7');
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: '2001:db8::1' }), 0)).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: '10.0.0.5', 'x-forwarded-for': '198.51.100.1' }), 0)).toBe('10.0.0.5');
  });

  it('believes only as many X-Forwarded-For entries as TRUST_PROXY, from the right', () => {
    const forwarded = { [CLIENT_IP_HEADER]: '10.0.0.5', 'x-forwarded-for': '203.0.113.66, 198.51.100.1' };
    // One proxy (10.0.0.5) appended 198.51.100.1; 203.0.113.66 was written by the client and is not believed.
    expect(clientIp(headers(forwarded), 1)).toBe('198.51.100.1');
    expect(clientIp(headers(forwarded), 2)).toBe('203.0.113.66');
    expect(clientIp(headers(forwarded), 5)).toBe('203.0.113.66');
  });

  it('is "unknown" without the server’s header or for junk, so such callers share one limit', () => {
    expect(clientIp(headers({}), 0)).toBe('unknown');
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: '10.0.0.5', 'x-forwarded-for': 'not-an-ip' }), 1)).toBe('unknown');
  });
});
