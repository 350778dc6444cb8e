export const REQUEST_ID_HEADER = 'x-request-id';

// Client ids are echoed only when they look like ids: anything else could smuggle text into our logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's X-Request-ID when it is safe to echo, otherwise a fresh one. */
export function resolveRequestId(headers: Headers): string {
  const sent = headers.get(REQUEST_ID_HEADER);
  return sent && SAFE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}
