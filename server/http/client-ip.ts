import { isIP } from 'node:net';
import { CLIENT_IP_HEADER } from '@/server/serve-contract.mjs';

// Unknown callers share one key: they are limited together, never let through unlimited.
const UNKNOWN = 'unknown';

function normalise(address: string | undefined): string | undefined {
  const trimmed = address?.trim();
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; one client, one key.
  const plain = trimmed?.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return plain && isIP(plain) ? plain : undefined;
}

/**
 * The client's address. The production server puts the TCP peer in CLIENT_IP_HEADER (server/serve-contract.mjs);
 * behind `trustProxy` reverse proxies the peer is the nearest proxy, and each proxy appended the address it saw to
 * X-Forwarded-For, so the client is the entry `trustProxy` places from the right. Entries further left were
 * written by the client itself and are never believed.
 */
export function clientIp(headers: Headers, trustProxy: number): string {
  const peer = normalise(headers.get(CLIENT_IP_HEADER) ?? undefined);
  if (!peer) return UNKNOWN;
  if (trustProxy === 0) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').filter((entry) => entry.trim() !== '');
  const chain = [...forwarded, peer];
  return normalise(chain[Math.max(0, chain.length - 1 - trustProxy)]) ?? UNKNOWN;
}
