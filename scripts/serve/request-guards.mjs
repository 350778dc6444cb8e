// @ts-check
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
