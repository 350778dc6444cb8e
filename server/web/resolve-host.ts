import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { AppError } from '@/server/errors';
import type { AddressPolicy } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

const ALLOW_HINT = "ask an admin to allow it with URL_FETCH_ALLOW";

/** A URL Docent may fetch at all: http or https, with a host. Throws a 422 that says what is wrong. */
export function parseWebUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION_ERROR', `"${raw}" is not a web address; it should look like https://example.com/page.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION_ERROR', `Only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, '')}.`);
  }
  if (url.username || url.password) {
    throw new AppError('VALIDATION_ERROR', 'Web addresses with a user name or password in them are not fetched.');
  }
  url.hash = '';
  return url;
}

/**
 * Every address the URL's host resolves to, each one checked against the policy: one private address is enough
 * to refuse (an attacker's DNS can mix a public and a private answer). The caller connects to these addresses
 * only (server/web/safe-fetch.ts), so a second, different DNS answer at connect time cannot slip through.
 */
export async function resolvePublicHost(url: URL, policy: AddressPolicy, signal?: AbortSignal): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses: ResolvedAddress[] = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }]
    : await lookupAll(host, signal);
  if (policy.allowsHost(host)) return addresses;
  for (const { address } of addresses) {
    const refusal = policy.refusalFor(address);
    if (refusal) {
      throw new AppError(
        'FORBIDDEN',
        `${url.host} is ${refusal} (${address}): this address points inside the server's own network; ${ALLOW_HINT}.`,
      );
    }
  }
  return addresses;
}

async function lookupAll(host: string, signal?: AbortSignal): Promise<ResolvedAddress[]> {
  // dns.lookup takes no signal; the race stops the wait (the lookup itself ends on the resolver's own timeout).
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), aborted]);
    if (found.length === 0) throw new Error('no addresses');
    return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AppError('VALIDATION_ERROR', `The host ${host} could not be found; check the address.`, undefined, { cause: error });
  }
}
