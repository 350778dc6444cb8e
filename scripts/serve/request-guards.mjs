// @ts-check
import { SECURITY_HEADERS } from '../../server/http/security-headers.mjs';
import { CLIENT_IP_HEADER } from '../../server/serve-contract.mjs';

/**
 * Tells the app who is asking: the socket's peer address under CLIENT_IP_HEADER, replacing anything a client
 * sent under that name (Node joins repeated headers into req.headers; this assignment overwrites the lot).
 */
export function markClientAddress(/** @type {import('node:http').IncomingMessage} */ req) {
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? 'unknown';
}

/**
 * Drops a connection whose request body stops arriving for `idleMs` (a slow-body attack holds a connection and a
 * request slot for as long as it keeps trickling). Only while the body is read: an answer that takes long to
 * start streaming is not a stalled client.
 */
export function limitBodyIdle(
  /** @type {import('node:http').IncomingMessage} */ req,
  /** @type {import('node:http').ServerResponse} */ res,
  /** @type {number} */ idleMs,
) {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const stalled = () => req.socket.destroy();
  req.setTimeout(idleMs, stalled);
  const done = () => {
    req.off('timeout', stalled);
    req.socket.setTimeout(0);
  };
  req.once('end', done);
  res.once('finish', done);
}

/**
 * Answers a path with broken percent-encoding (`/documents/%E0%A4%A`) with the original service's 404 itself: no
 * route can match it, and Next.js's router fails on it with a 500. True when it answered.
 */
export function refuseUnreadablePath(
  /** @type {import('node:http').IncomingMessage} */ req,
  /** @type {import('node:http').ServerResponse} */ res,
) {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const body = JSON.stringify({ error: 'There is no endpoint at this address: its percent-encoding is broken.', detail: null, code: 'NOT_FOUND' });
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    return true;
  }
}
