import { documentStates, type DocumentState } from './upload-file';

/** How often the documents still being read are checked. */
const INTERVAL_MS = 1000;
/** Ids per request (the endpoint takes up to 5,000). */
const IDS_PER_REQUEST = 1000;

/**
 * Follows uploaded documents until they are ready or failed: all of them in one request a second
 * (POST /api/documents/statuses), however many there are, rather than a request per document.
 * `onStates` receives each checked document's state, or null for one Docent no longer has (deleted).
 */
export class StatusWatcher {
  private readonly ids = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private checking = false;
  private stopped = false;

  constructor(private readonly onStates: (states: Map<string, DocumentState | null>) => void) {}

  watch(documentId: string) {
    this.stopped = false;
    this.ids.add(documentId);
    this.schedule();
  }

  unwatch(documentId: string) {
    this.ids.delete(documentId);
  }

  stop() {
    this.stopped = true;
    this.ids.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule() {
    if (this.timer || this.checking || this.stopped || this.ids.size === 0) return;
    this.timer = setTimeout(() => void this.check(), INTERVAL_MS);
  }

  private async check() {
    this.timer = null;
    this.checking = true;
    const ids = [...this.ids];
    const states = new Map<string, DocumentState | null>();
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
      const asked = ids.slice(i, i + IDS_PER_REQUEST);
      // A failed check (the connection, a restart) is tried again next time.
      const answer = await documentStates(asked).catch(() => null);
      if (answer) for (const id of asked) states.set(id, answer.get(id) ?? null);
    }
    this.checking = false;
    if (this.stopped) return;
    if (states.size > 0) this.onStates(states);
    this.schedule();
  }
}
