import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadQueue } from '@/app/_components/uploads/upload-queue';

/** A stand-in for the browser's XMLHttpRequest: each request waits until the test answers it. */
class FakeXhr {
  static open: FakeXhr[] = [];
  static mostAtOnce = 0;
  status = 0;
  responseText = '';
  form: FormData | null = null;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open() {}
  setRequestHeader() {}
  getResponseHeader() {
    return null;
  }
  send(form: FormData) {
    this.form = form;
    FakeXhr.open.push(this);
    FakeXhr.mostAtOnce = Math.max(FakeXhr.mostAtOnce, FakeXhr.open.length);
  }
  abort() {
    FakeXhr.open = FakeXhr.open.filter((xhr) => xhr !== this);
    this.onabort?.();
  }
  names(): string[] {
    return this.form!.getAll('file').map((file) => (file as File).name);
  }
  /** Stores every file but `.gif`s, which are left out with a reason. */
  answer() {
    FakeXhr.open = FakeXhr.open.filter((xhr) => xhr !== this);
    const names = this.names();
    this.status = 200;
    this.responseText = JSON.stringify({
      documents: names.filter((name) => !name.endsWith('.gif')).map((filename) => ({ document_id: `doc:${filename}`, filename, status: 'queued', deduplicated: false })),
      skipped: names.filter((name) => name.endsWith('.gif')).map((filename) => ({ filename, reason: 'not a kind of document Docent can read' })),
    });
    this.onload?.();
  }
}

/** A file picked with a folder: the browser gives it its path in the folder. */
function folderFile(path: string): File {
  const file = new File([`# ${path}\n\nA note.`], path.split('/').at(-1)!, { type: 'text/markdown' });
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

const settle = () => vi.advanceTimersByTimeAsync(150);

describe('the upload queue with a 45-file folder', () => {
  let statusRequests: string[][];
  let ready: Set<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeXhr.open = [];
    FakeXhr.mostAtOnce = 0;
    statusRequests = [];
    ready = new Set();
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        expect(url).toBe('/api/documents/statuses');
        const ids = (JSON.parse(String(init.body)) as { document_ids: string[] }).document_ids;
        statusRequests.push(ids);
        const documents = ids.map((id) => ({ document_id: id, status: ready.has(id) ? 'ready' : 'processing', error: null, title: null }));
        return new Response(JSON.stringify({ documents }), { status: 200 });
      }),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends it in batches, three requests at most, drops each File once stored, and follows every document in one request a second', async () => {
    const queue = new UploadQueue();
    let published = 0;
    queue.subscribe(() => (published += 1));
    const paths = [...Array.from({ length: 44 }, (_, i) => `wiki/page-${i + 1}.md`), 'wiki/photo.gif'];
    queue.enqueue(paths.map(folderFile));
    await settle();

    expect(FakeXhr.open.map((xhr) => xhr.names().length)).toEqual([20, 20, 5]);
    expect(queue.getSnapshot().filter((item) => item.state === 'uploading')).toHaveLength(45);

    // Progress of all three requests in one moment: one redraw, not one per file and event.
    const before = published;
    for (const xhr of FakeXhr.open) for (let i = 1; i <= 10; i++) xhr.upload.onprogress?.({ lengthComputable: true, loaded: i, total: 10 });
    await settle();
    expect(published - before).toBe(1);

    for (const xhr of [...FakeXhr.open]) xhr.answer();
    await settle();
    const items = queue.getSnapshot();
    expect(items.filter((item) => item.state === 'done')).toHaveLength(44);
    expect(items.filter((item) => item.state === 'done' && item.file !== null)).toHaveLength(0);
    expect(items.find((item) => item.name === 'wiki/photo.gif')).toMatchObject({ state: 'error', error: 'not a kind of document Docent can read' });
    expect(items.find((item) => item.name === 'wiki/photo.gif')!.file).not.toBeNull();
    expect(FakeXhr.mostAtOnce).toBe(3);

    await vi.advanceTimersByTimeAsync(1000);
    expect(statusRequests).toHaveLength(1);
    expect(new Set(statusRequests[0])).toEqual(new Set(paths.slice(0, 44).map((path) => `doc:${path}`)));
    await settle();
    expect(queue.getSnapshot().filter((item) => item.document?.status === 'processing')).toHaveLength(44);

    for (const path of paths.slice(0, 30)) ready.add(`doc:${path}`);
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(queue.getSnapshot().filter((item) => item.document?.status === 'ready')).toHaveLength(30);

    // Only the documents still being read are asked about; once all are read, nothing more is asked.
    for (const path of paths.slice(30, 44)) ready.add(`doc:${path}`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(statusRequests.at(-1)).toHaveLength(14);
    await vi.advanceTimersByTimeAsync(5000);
    expect(statusRequests).toHaveLength(3);
    expect(queue.getSnapshot().filter((item) => item.document?.status === 'ready')).toHaveLength(44);
  });

  it('cancels the waiting files and the requests under way, and a retry sends a cancelled file again', async () => {
    const queue = new UploadQueue();
    queue.enqueue(Array.from({ length: 70 }, (_, i) => folderFile(`wiki/page-${i + 1}.md`)));
    await settle();
    expect(FakeXhr.open).toHaveLength(3);
    queue.cancelAll();
    await settle();
    expect(FakeXhr.open).toHaveLength(0);
    expect(queue.getSnapshot().every((item) => item.state === 'cancelled')).toBe(true);

    const [first] = queue.getSnapshot();
    queue.retry(first!.id);
    await settle();
    expect(FakeXhr.open.map((xhr) => xhr.names())).toEqual([[first!.name]]);
  });
});
