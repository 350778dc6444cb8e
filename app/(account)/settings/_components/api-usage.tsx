'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** How a script uses a key, with this Docent's own address in it. */
export function ApiUsage() {
  // The address the browser sees; the server's render says so in general terms.
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => 'https://your-docent');
  const snippet = [
    `curl -X POST ${origin}/chat \\`,
    '  -H "Authorization: Bearer <key>" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '{"session_id": "my-script", "message": "What does the handbook say about fog?"}'`,
  ].join('\n');
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">How to use a key</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Send it as a bearer token to any endpoint of the API; the answer comes as JSON with its sources.
      </p>
      {/* Focusable: on a phone it scrolls sideways, and keyboards must be able to scroll it. */}
      <pre
        tabIndex={0}
        aria-label="Example request"
        className="overflow-x-auto rounded-lg bg-zinc-900 p-4 text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:border dark:border-zinc-800 dark:focus-visible:outline-zinc-100"
      >
        <code>{snippet}</code>
      </pre>
    </div>
  );
}
