import robotsParser from 'robots-parser';
import type { AddressPolicy } from './address-policy';
import { fetchFromWeb, type FetchLimits } from './safe-fetch';

/** The name Docent's crawler answers to in a robots.txt ("User-agent: Docent"), besides "*". */
const ROBOTS_AGENT = 'Docent';
// A robots.txt is small; Google reads the first 500 KiB of one.
const MAX_ROBOTS_BYTES = 512 * 1024;

/** Whether a crawl may follow a link to `url`. */
export type CrawlRules = (url: string) => boolean;

/**
 * The site's robots.txt rules for Docent, fetched as safely as any page (same address policy, redirects checked,
 * size and time bounded). A site without one, or whose robots.txt cannot be fetched or read, allows everything, as
 * crawlers commonly treat a missing file. Only links a crawl follows are checked: the page a person asked for is
 * fetched as their browser would.
 */
export async function crawlRules(root: URL, policy: AddressPolicy, limits: FetchLimits, signal: AbortSignal): Promise<CrawlRules> {
  const address = new URL('/robots.txt', root.origin).toString();
  let text: string;
  try {
    const robots = await fetchFromWeb(address, policy, { ...limits, maxBytes: Math.min(limits.maxBytes, MAX_ROBOTS_BYTES) }, signal);
    if (robots.mediaType && robots.mediaType !== 'text/plain') return () => true;
    text = new TextDecoder().decode(robots.body);
  } catch (error) {
    if (signal.aborted) throw error;
    return () => true;
  }
  const rules = robotsParser(address, text);
  return (url) => rules.isAllowed(url, ROBOTS_AGENT) !== false;
}
