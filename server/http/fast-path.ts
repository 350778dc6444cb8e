import { publishFastRoutes } from '@/server/serve-contract.mjs';
import { matchRoute, runRoute } from './dispatch';

/**
 * Hands the table's hot endpoints to the production server (scripts/serve/), which answers them without
 * Next.js's router and proxy: those cost more per request than a health check or the app's own share of a chat
 * turn. They run through the same dispatch as under the App Router, so both answer alike (test/http/parity.test.ts).
 */
export function publishHotRoutes(): void {
  publishFastRoutes((method, pathname) => {
    const match = matchRoute(method, pathname);
    return match.kind === 'found' && match.route.hot ? (request) => runRoute(match, request) : undefined;
  });
}
