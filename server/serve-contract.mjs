// @ts-check
/**
 * What the production server (scripts/serve/, plain JavaScript that runs outside Next.js's bundles) and the app
 * agree on, in one place: how the app hands over its hot routes, and the messages between the processes of a
 * multi-worker server (WORKERS > 1). Typed with JSDoc so both sides are checked against it.
 */

/** @typedef {(request: Request) => Promise<Response>} WebHandler */
/** The handler the app answers `METHOD pathname` with directly, or undefined to leave the request to Next.js. */
/** @typedef {(method: string, pathname: string) => WebHandler | undefined} FastRoutes */

// On globalThis under a registered symbol: Next.js loads the app in its own module graph, the server in another.
const FAST_ROUTES = Symbol.for('docent.fastRoutes');

/** Called by the app once it is loaded (instrumentation.ts). */
export function publishFastRoutes(/** @type {FastRoutes} */ routes) {
  /** @type {any} */ (globalThis)[FAST_ROUTES] = routes;
}

/** Called by the server for each request; undefined until the app is loaded. */
export function fastRoutes() {
  return /** @type {FastRoutes | undefined} */ (/** @type {any} */ (globalThis)[FAST_ROUTES]);
}

const DRAIN = Symbol.for('docent.drainServer');

/** Called by the production server: how to stop taking connections and wait for the requests in flight. */
export function publishDrain(/** @type {() => Promise<void>} */ drain) {
  /** @type {any} */ (globalThis)[DRAIN] = drain;
}

/**
 * Called by the app when told to stop: resolves once every request in flight, a streamed answer included, has been
 * answered; at once when no production server published its drain (`next start`, tests).
 * @returns {Promise<void>}
 */
export function drainServer() {
  const drain = /** @type {(() => Promise<void>) | undefined} */ (/** @type {any} */ (globalThis)[DRAIN]);
  return drain ? drain() : Promise.resolve();
}

/**
 * The address the request came from (the TCP peer), set by the production server on every request it answers or
 * hands to Next.js, overwriting whatever a client sent under this name: Web `Request`s carry no address of their
 * own. Only the app's own server sets (and clears) it: behind `next start` nothing does, so a client could send it
 * itself; expose only `npm start`.
 */
export const CLIENT_IP_HEADER = 'x-docent-client-ip';

/** The messages between the primary process and its workers, by name. */
export const MESSAGE = /** @type {const} */ ({
  /** worker → primary: listening. */
  ready: 'docent:ready',
  /** worker → primary: sum every worker's metrics for me. */
  metricsRequest: 'docent:metrics-request',
  /** primary → each worker: send your registry. */
  metricsCollect: 'docent:metrics-collect',
  /** worker → primary: my registry, as JSON. */
  metricsPart: 'docent:metrics-part',
  /** primary → the asking worker: the sum, as Prometheus text and JSON. */
  metrics: 'docent:metrics',
});

/**
 * @typedef {{ type: typeof MESSAGE.ready }
 *   | { type: typeof MESSAGE.metricsRequest, id: number }
 *   | { type: typeof MESSAGE.metricsCollect, id: number }
 *   | { type: typeof MESSAGE.metricsPart, id: number, metrics: unknown }
 *   | { type: typeof MESSAGE.metrics, id: number, text: string, json: unknown[] }} ServerMessage
 */

/**
 * Narrows a process message to one of ours of the given type.
 * @template {ServerMessage['type']} T
 * @param {unknown} message
 * @param {T} type
 * @returns {message is Extract<ServerMessage, { type: T }>}
 */
export function isMessage(message, type) {
  return typeof message === 'object' && message !== null && /** @type {{ type?: unknown }} */ (message).type === type;
}
