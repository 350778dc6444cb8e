import ipaddr from 'ipaddr.js';

/**
 * Which hosts and addresses a server-side fetch may reach. Only public unicast addresses by default: ipaddr.js
 * names every special range (loopback, RFC 1918, CGNAT, link-local and so cloud metadata, unique-local,
 * multicast, unspecified, documentation, 6to4/NAT64 forms that embed an IPv4 address…), and IPv4-mapped IPv6
 * is unwrapped first so ::ffff:127.0.0.1 is judged as 127.0.0.1. URL_FETCH_ALLOW lets named hosts and CIDR
 * ranges through for intranets.
 */
export interface AddressPolicy {
  /** True when the host name itself is on the allow-list: whatever it resolves to is reachable. */
  allowsHost(hostname: string): boolean;
  /** Null when the address may be reached; otherwise what kind of address it is, for the refusal. */
  refusalFor(address: string): string | null;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

// The range names ipaddr.js gives, in words a person asking for a page understands.
const RANGE_WORDS: Record<string, string> = {
  loopback: "the server's own loopback address",
  private: 'a private network address',
  carrierGradeNat: 'a carrier-grade NAT address',
  linkLocal: 'a link-local address (this includes cloud metadata services)',
  uniqueLocal: 'a private (unique-local) IPv6 address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
};

function parseEntry(entry: string): { host: string } | { range: Range } {
  if (entry.includes('/')) {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return { range: [address.kind() === 'ipv6' ? ipaddr.process(address.toString()) : address, bits] as Range };
  }
  if (ipaddr.isValid(entry)) {
    const address = ipaddr.process(entry);
    return { range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  }
  return { host: entry.toLowerCase().replace(/\.$/, '') };
}

/** Throws, naming the entry, when an allow-list entry is neither a host name, an address nor a CIDR range. */
export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const hosts = new Set<string>();
  const ranges: Range[] = [];
  for (const entry of allow) {
    let parsed: ReturnType<typeof parseEntry>;
    try {
      parsed = parseEntry(entry);
    } catch {
      throw new Error(`URL_FETCH_ALLOW: "${entry}" is not a host name, an IP address or a CIDR range.`);
    }
    if ('host' in parsed) hosts.add(parsed.host);
    else ranges.push(parsed.range);
  }
  return {
    allowsHost: (hostname) => hosts.has(hostname.toLowerCase().replace(/\.$/, '')),
    refusalFor(address) {
      if (!ipaddr.isValid(address)) return 'not an IP address';
      const ip = ipaddr.process(address);
      if (ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits))) return null;
      const range = ip.range();
      if (range === 'unicast') return null;
      return RANGE_WORDS[range] ?? `a reserved address (${range})`;
    },
  };
}
