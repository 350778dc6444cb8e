import type { ApiScope, Caller } from '@/server/auth/caller';

/**
 * The shape of the HTTP route table (server/http/routes.ts) and how a request finds its entry. Paths use the
 * App Router's notation for parameters (`/documents/[id]`, `/api/auth/[...rest]`), which is also the route's
 * label in the metrics.
 */

import type { LimitKind } from '@/server/limits/rate-limits';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteParams = Readonly<Record<string, string>>;

interface RouteContext {
  params: RouteParams;
  /** Who is asking, as the route's `auth` requires; null only on public routes. */
  caller: Caller | null;
}

/** Web-standard in and out; errors are thrown (AppError or anything) and translated in one place. */
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * Who may call a route: anyone (`public`), a signed-in person or an API key with this scope, or the operator
 * (an admin's session, or ADMIN_TOKEN for scrapers and scripts).
 */
type RouteAuth = 'public' | ApiScope | 'operator';

export interface Route {
  method: HttpMethod;
  /** Every path the endpoint answers on, aliases included (`/vaults` and `/api/vaults` are one endpoint). */
  paths: readonly string[];
  handler: RouteHandler;
  auth: RouteAuth;
  /**
   * The original service's API, which had no accounts: with ALLOW_ANONYMOUS_API on, a request without
   * credentials acts as the built-in anonymous user instead of being refused.
   */
  anonymous?: boolean;
  /**
   * Answered by the production server directly, without Next.js's router and proxy (scripts/serve/): for the
   * endpoints load balancers and API clients hit hardest, where Next.js's own cost would dominate.
   */
  hot?: boolean;
  /** Counts against the caller's allowance of this kind (RATE_LIMIT_*); `chat` also takes an answer slot. */
  limit?: LimitKind;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; pattern: string; params: RouteParams }
  /** The path exists, with other methods. */
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'none' };

interface CompiledPath {
  pattern: string;
  route: Route;
  /** Literal segments, or the name of a parameter (`rest` takes every remaining segment, at least one). */
  segments: Array<{ literal: string } | { param: string; rest?: true }>;
}

const PARAM = /^\[(\.\.\.)?(\w+)\]$/;

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function compile(pattern: string, route: Route): CompiledPath {
  return {
    pattern,
    route,
    segments: segmentsOf(pattern).map((segment) => {
      const match = PARAM.exec(segment);
      if (!match) return { literal: segment };
      return match[1] ? { param: match[2]!, rest: true as const } : { param: match[2]! };
    }),
  };
}

function paramsFor(compiled: CompiledPath, segments: string[]): RouteParams | null {
  const last = compiled.segments.at(-1);
  const rest = last && 'rest' in last;
  if (rest ? segments.length < compiled.segments.length : compiled.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, expected] of compiled.segments.entries()) {
    const actual = segments[i]!;
    if ('literal' in expected) {
      if (expected.literal !== actual) return null;
    } else if (expected.rest) {
      params[expected.param] = segments.slice(i).join('/');
    } else {
      try {
        params[expected.param] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    }
  }
  return params;
}

/** A matcher over the table: literal paths by map lookup (the hot ones are all literal), the rest by scan. */
export function createRouteMatcher(routes: readonly Route[]): (method: string, pathname: string) => RouteMatch {
  const literal = new Map<string, { route: Route; pattern: string }>();
  const literalMethods = new Map<string, string[]>();
  const dynamic: CompiledPath[] = [];
  for (const route of routes) {
    for (const path of route.paths) {
      const compiled = compile(path, route);
      if (compiled.segments.every((s) => 'literal' in s)) {
        const key = `${route.method} ${path}`;
        if (literal.has(key)) throw new Error(`route table: ${key} is declared twice`);
        literal.set(key, { route, pattern: path });
        literalMethods.set(path, [...(literalMethods.get(path) ?? []), route.method]);
      } else {
        dynamic.push(compiled);
      }
    }
  }

  return (method, pathname) => {
    // HEAD is GET without the body, as HTTP defines it.
    const asked = method === 'HEAD' ? 'GET' : method;
    const hit = literal.get(`${asked} ${pathname}`);
    if (hit) return { kind: 'found', ...hit, params: {} };

    const segments = segmentsOf(pathname);
    const allow = new Set<string>(literalMethods.get(pathname));
    for (const compiled of dynamic) {
      const params = paramsFor(compiled, segments);
      if (!params) continue;
      if (compiled.route.method === asked) return { kind: 'found', route: compiled.route, pattern: compiled.pattern, params };
      allow.add(compiled.route.method);
    }
    if (allow.size === 0) return { kind: 'none' };
    if (allow.has('GET')) allow.add('HEAD');
    return { kind: 'wrong-method', allow: [...allow].sort() };
  };
}
