// @ts-check
/**
 * The browser-facing protections every response carries, in one place: next.config.mjs sends them with
 * everything Next.js serves (pages, assets), the dispatch with every API answer (the production server's fast
 * path included), proxy.ts adds each page's Content-Security-Policy with its nonce.
 */

/** On every response. */
export const SECURITY_HEADERS = {
  // Nothing is ever sniffed into another type (an uploaded "text" served as HTML, a JSON answer run as script).
  'x-content-type-options': 'nosniff',
  // No page may be framed (clickjacking the admin page); frame-ancestors in the CSP says the same to new browsers.
  'x-frame-options': 'DENY',
  // Same-origin requests keep their Referer (and, for POSTs, their Origin: `no-referrer` would send Origin: null
  // and fail the same-origin check); links in answers tell other sites nothing about the conversation.
  'referrer-policy': 'same-origin',
  // A page opened from an answer's link cannot reach back into Docent's window.
  'cross-origin-opener-policy': 'same-origin',
};

/** For API answers: JSON and streams that no browser should render, frame or load anything for. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * For pages. Scripts run only from this origin or with this response's nonce ('strict-dynamic' lets Next.js's
 * nonce'd loader load its chunks); images only from this origin, so a Markdown image in an answer cannot send a
 * document's text to another host; no framing, plugins or foreign form targets. Inline styles are allowed: React
 * renders `style` attributes (progress bars, charts) and a style cannot run code. Development needs 'unsafe-eval'
 * for React's error overlays.
 */
export function pageContentSecurityPolicy(/** @type {string} */ nonce, /** @type {boolean} */ development) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // pdf.js's worker (the document viewer) comes from this origin (/api/pdf-worker.mjs); 'strict-dynamic' above
    // would ignore 'self' for it.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the API's protections to a response's headers, keeping any the handler chose itself (an HTML 404 page). */
export function addApiSecurityHeaders(/** @type {Headers} */ headers) {
  const all = { ...SECURITY_HEADERS, 'content-security-policy': API_CONTENT_SECURITY_POLICY };
  for (const [name, value] of Object.entries(all)) if (!headers.has(name)) headers.set(name, value);
}
