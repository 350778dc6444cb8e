/**
 * The seed's locustfile mix as the drills' traffic: virtual users each looping over POST /chat (weight 3) and POST
 * /ingest (weight 1) with a wait between, as bench/locustfile.py does, but with a session id and a text of their own
 * per request, so that afterwards every message and document can be looked for in the database.
 */

export interface Sent {
  kind: 'chat' | 'ingest';
  /** The session id (chat) or document title (ingest) that finds it in the database. */
  key: string;
  /** HTTP status, 0 for a network error or a timeout. */
  status: number;
  at: number;
  ms: number;
  /** The document id a successful ingest answered with. */
  documentId?: string;
  /** Why there was no answer (status 0): the client's error and its cause's code, e.g. "TypeError: UND_ERR_SOCKET". */
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(options: {
  url: string;
  users: number;
  seconds: number;
  tag: string;
  timeoutMs: number;
  waitMs: { min: number; max: number };
}): Promise<Sent[]> {
  const sent: Sent[] = [];
  const until = Date.now() + options.seconds * 1000;
  let next = 0;
  async function user(): Promise<void> {
    while (Date.now() < until) {
      const n = next++;
      const chat = Math.random() < 0.75;
      const key = `${options.tag}-${n}`;
      const body = chat
        ? { session_id: key, message: `What is the capital of France? (${key})` }
        : { text: `Drill document ${key}: the harbour opens at six and closes at nine.`, title: key };
      const started = Date.now();
      const record: Sent = { kind: chat ? 'chat' : 'ingest', key, status: 0, at: started, ms: 0 };
      try {
        const response = await fetch(`${options.url}${chat ? '/chat' : '/ingest'}`, {
          method: 'POST',
          // Ingest answers at once with the queued document (the upload page's way); the drill checks it later.
          headers: { 'content-type': 'application/json', ...(chat ? {} : { prefer: 'respond-async' }) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        record.status = response.status;
        const json = (await response.json().catch(() => ({}))) as { document_id?: string };
        if (!chat && response.ok) record.documentId = json.document_id;
      } catch (error) {
        record.status = 0;
        const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
        record.error = error instanceof Error ? `${error.name}: ${cause?.code ?? cause?.message ?? error.message}` : String(error);
      }
      record.ms = Date.now() - started;
      sent.push(record);
      await sleep(options.waitMs.min + Math.random() * (options.waitMs.max - options.waitMs.min));
    }
  }
  await Promise.all(Array.from({ length: options.users }, () => user()));
  return sent;
}
