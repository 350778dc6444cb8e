import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy';

describe('address policy', () => {
  const strict = createAddressPolicy([]);

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private network'],
    ['172.16.5.4', 'private network'],
    ['192.168.0.1', 'private network'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private network'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['2002:7f00:1::', 'reserved'],
    ['192.0.2.1', 'reserved'],
  ])('refuses %s (%s)', (address, words) => {
    expect(strict.refusalFor(address)).toContain(words);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('lets the public address %s through', (address) => {
    expect(strict.refusalFor(address)).toBeNull();
  });

  it('lets allow-listed ranges, addresses and host names through, and nothing next to them', () => {
    const policy = createAddressPolicy(['10.2.0.0/16', '127.0.0.1', 'Wiki.Corp', 'fd12::/16']);
    expect(policy.refusalFor('10.2.200.1')).toBeNull();
    expect(policy.refusalFor('::ffff:10.2.0.9')).toBeNull();
    expect(policy.refusalFor('10.3.0.1')).toContain('private');
    expect(policy.refusalFor('127.0.0.1')).toBeNull();
    expect(policy.refusalFor('127.0.0.2')).toContain('loopback');
    expect(policy.refusalFor('fd12::5')).toBeNull();
    expect(policy.refusalFor('fd13::5')).toContain('unique-local');
    expect(policy.allowsHost('wiki.corp')).toBe(true);
    expect(policy.allowsHost('wiki.corp.')).toBe(true);
    expect(policy.allowsHost('evil.wiki.corp')).toBe(false);
  });

  it('names a malformed allow-list entry', () => {
    expect(() => createAddressPolicy(['10.0.0.0/99'])).toThrow(/URL_FETCH_ALLOW: "10.0.0.0\/99"/);
  });
});
