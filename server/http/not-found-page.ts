/** Whether the client is a browser loading a page (it asks for HTML) rather than an API client. */
export function wantsHtml(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

// Self-contained: it is served from the API's catch-all route, outside the app's layout and stylesheets.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · Docent</title>
<link rel="icon" href="/favicon.ico">
<style>
  :root { color-scheme: light dark; font-family: ui-sans-serif, system-ui, sans-serif; }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: #fafafa; color: #18181b; }
  main { max-width: 28rem; padding: 2rem; text-align: center; }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  p { color: #52525b; line-height: 1.5; }
  a { display: inline-block; margin-top: 1rem; padding: .5rem 1rem; border-radius: .375rem; background: #18181b; color: #fff; text-decoration: none; }
  @media (prefers-color-scheme: dark) {
    body { background: #09090b; color: #f4f4f5; } p { color: #a1a1aa; } a { background: #f4f4f5; color: #18181b; }
  }
</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>There is nothing at this address. The link may be old, or the page may have moved.</p>
<a href="/">Go to the chat</a>
</main>
</body>
</html>
`;

// Its own inline style and the icon, nothing else (the API's policy would block the style).
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function notFoundPage(): Response {
  return new Response(PAGE, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_POLICY },
  });
}
