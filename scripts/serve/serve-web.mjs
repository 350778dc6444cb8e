// @ts-check
/** A web-standard route handler (Request in, Response out) answering a Node HTTP request, as Next.js would. */

import { CLIENT_IP_HEADER } from '../../server/serve-contract.mjs';

/** @typedef {import('../../server/serve-contract.mjs').WebHandler} WebHandler */

/** Resolves when the socket takes more data again, or is gone. */
function drained(/** @type {import('node:http').ServerResponse} */ res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve(undefined);
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Runs a web handler for a Node request: the body streamed in, the response streamed out with back-pressure. */
export async function serveWeb(/** @type {WebHandler} */ handler, /** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
  // The client going away aborts request.signal, as in Next.js: a chat answer then ends as `stopped`.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    // The client's own value under that name never reaches the app; the server's (req.headers) does.
    if (name.toLowerCase() !== CLIENT_IP_HEADER) headers.append(name, req.rawHeaders[i + 1] ?? '');
  }
  const address = req.headers[CLIENT_IP_HEADER];
  if (typeof address === 'string') headers.set(CLIENT_IP_HEADER, address);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? /** @type {any} */ (req) : undefined,
    // @ts-expect-error: undici's option for a streamed request body, missing from the DOM types.
    duplex: 'half',
    signal: abort.signal,
  });
  const response = await handler(request);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    let chunk = await reader.read();
    // A body that comes in one piece (JSON) goes out in one write with its length; streams are sent as they come.
    if (!chunk.done && !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const first = chunk.value;
      chunk = await reader.read();
      if (chunk.done) {
        res.setHeader('content-length', first.byteLength);
        res.end(first);
        return;
      }
      res.write(first);
    }
    for (; !chunk.done; chunk = await reader.read()) {
      if (res.destroyed) return;
      // Pieces produced in the same tick (a burst of tokens) leave in one write instead of one syscall each.
      if (res.writableCorked === 0) {
        res.cork();
        process.nextTick(() => res.uncork());
      }
      if (!res.write(chunk.value)) await drained(res);
    }
    res.end();
  } finally {
    // Stops the producer (a chat answer is then stored as `stopped`) when the client left before the end.
    if (!res.writableFinished) await reader.cancel().catch(() => {});
  }
}
