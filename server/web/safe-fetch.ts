import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';
import { AppError } from '@/server/errors';
import type { AddressPolicy } from './address-policy';
import { parseWebUrl, resolvePublicHost, type ResolvedAddress } from './resolve-host';

export interface FetchLimits {
  maxBytes: number;
  /** The whole fetch: every redirect, the body included. */
  timeoutMs: number;
}

export interface FetchedResource {
  /** Where the content came from, after redirects. */
  url: URL;
  /** The media type without parameters, lower case; null when the server sent none. */
  mediaType: string | null;
  charset: string | null;
  body: Uint8Array;
}

const MAX_REDIRECTS = 5;
const ACCEPT = 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.9,*/*;q=0.5';
const USER_AGENT = 'Docent (document fetcher)';

// What the extractors can read, or may once they learn it (Office, e-book and image formats); anything else
// (video, archives, scripts…) is refused before its body is read.
const ACCEPTED_TYPES = [
  /^text\//,
  /^application\/(xhtml\+xml|pdf|octet-stream|rtf|epub\+zip)$/,
  /^application\/vnd\.(openxmlformats-officedocument|oasis\.opendocument)\./,
  /^image\/(png|jpeg|tiff|webp)$/,
];

/** Resolves the host to the addresses that were checked, and nothing else: DNS rebinding after the check cannot win. */
function pinnedAgent(addresses: ResolvedAddress[]): Agent {
  const lookup = (
    _hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  return new Agent({ connect: { lookup }, pipelining: 0 });
}

/**
 * GETs a URL from outside the server's own network (the policy says what that is): every redirect is followed by
 * hand and checked like the first address, at most MAX_REDIRECTS of them; the body is streamed and dropped past
 * maxBytes; the whole exchange is bounded by timeoutMs. Failures are AppErrors with 4xx codes and plain words.
 */
export async function fetchFromWeb(
  address: string | URL,
  policy: AddressPolicy,
  limits: FetchLimits,
  outer?: AbortSignal,
): Promise<FetchedResource> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = outer ? AbortSignal.any([outer, deadline]) : deadline;
  let url = parseWebUrl(String(address));
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await resolvePublicHost(url, policy, signal);
      const agent = pinnedAgent(addresses);
      try {
        const response = await request(url, {
          dispatcher: agent,
          signal,
          headers: { accept: ACCEPT, 'user-agent': USER_AGENT },
        });
        const location = response.headers.location;
        if (response.statusCode >= 300 && response.statusCode < 400 && location) {
          await response.body.dump();
          if (hop >= MAX_REDIRECTS) {
            throw new AppError('VALIDATION_ERROR', `${url.host} redirected more than ${MAX_REDIRECTS} times; the page was not fetched.`);
          }
          url = parseWebUrl(new URL(String(location), url).toString());
          continue;
        }
        if (response.statusCode >= 400) {
          await response.body.dump();
          throw new AppError('VALIDATION_ERROR', `The server answered ${response.statusCode} for this address; there is nothing to read there.`);
        }
        return { url, ...mediaTypeOf(response.headers['content-type']), body: await readLimited(response, limits.maxBytes) };
      } finally {
        void agent.close().catch(() => {});
      }
    }
  } catch (error) {
    if (deadline.aborted && !outer?.aborted) {
      throw new AppError('VALIDATION_ERROR', `${url.host} took longer than ${limits.timeoutMs / 1000} s to answer; the page was not fetched.`);
    }
    if (error instanceof AppError || outer?.aborted) throw error;
    throw new AppError('VALIDATION_ERROR', `${url.host} could not be reached (${describeNetworkError(error)}).`, undefined, { cause: error });
  }
}

function mediaTypeOf(header: string | string[] | undefined): { mediaType: string | null; charset: string | null } {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return { mediaType: null, charset: null };
  const [type, ...parameters] = value.split(';');
  const charset = parameters.map((p) => p.trim().match(/^charset="?([^";]+)"?$/i)?.[1]).find(Boolean) ?? null;
  return { mediaType: type!.trim().toLowerCase() || null, charset: charset?.toLowerCase() ?? null };
}

type UndiciResponse = Awaited<ReturnType<typeof request>>;

async function readLimited(response: UndiciResponse, maxBytes: number): Promise<Uint8Array> {
  const { mediaType } = mediaTypeOf(response.headers['content-type']);
  if (mediaType && !ACCEPTED_TYPES.some((pattern) => pattern.test(mediaType))) {
    await response.body.dump();
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `This address serves ${mediaType}, not a document Docent can read.`);
  }
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `The page is larger than ${Math.round(maxBytes / 1024)} KiB, the limit for a fetched page (URL_FETCH_MAX_BYTES).`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of response.body as AsyncIterable<Buffer>) {
    size += part.byteLength;
    if (size > maxBytes) {
      // Stops reading: the rest of a huge (or endless) body is never downloaded.
      response.body.destroy();
      throw tooLarge();
    }
    parts.push(part);
  }
  return new Uint8Array(Buffer.concat(parts, size));
}

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return 'its TLS certificate is not valid';
  return code ?? (error instanceof Error ? error.message : String(error));
}
