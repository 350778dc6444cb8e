import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase, tempDir } from '@/test/support/databases';
import { pagedPdf } from '@/test/support/paged-pdf';
import { waitFor } from '@/test/support/services';

const HOSTILE_HTML = '<!doctype html><html><head><title>Garden</title><script>fetch("/api/trpc/users.list")</script></head><body><h1>Garden club</h1><p>We meet on Saturdays.</p></body></html>';
const MEMBER = { name: 'Mina Member', email: 'mina@docent.test', password: 'member-password-1' };

type Upload = { documents: Array<{ document_id: string }> };

/**
 * The document viewer's HTTP side: the original file for people who may read it (and nobody else), served so that
 * nothing in it can run; and `/documents/{id}`, a page for browsers and the original JSON for everyone else.
 */
describe.each(['pglite', 'postgres'] as const)('document viewer over HTTP on %s', (driver) => {
  let app: AppServer;
  let owner: Session;
  let member: Session;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let pdf: Uint8Array<ArrayBuffer>;
  let pdfId: string;
  let htmlId: string;

  beforeAll(async () => {
    data = await tempDir('docent-viewer-');
    const database: Record<string, string> = driver === 'postgres' ? { DATABASE_URL: await createPostgresDatabase() } : { DATA_DIR: data.path };
    app = await startAppServer({ ...database, CHUNK_SIZE: '60', CHUNK_OVERLAP: '8' });
    owner = await setUpOwner(app);
    member = await addPerson(owner, MEMBER);
    const vault = await owner.mutate<{ id: string }>('vaults.create', { name: 'Private manuals' });
    if (!vault.ok) throw new Error(vault.message);

    pdf = await pagedPdf(3, 12);
    const form = new FormData();
    form.append('vault_id', vault.data.id);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'Harbour manual (2026).pdf');
    form.append('file', new Blob([HOSTILE_HTML], { type: 'text/html' }), 'garden.html');
    const upload = await owner.fetch('/api/documents/upload', { method: 'POST', body: form });
    expect(upload.status, await upload.clone().text()).toBe(202);
    [pdfId, htmlId] = ((await upload.json()) as Upload).documents.map((d) => d.document_id) as [string, string];
    for (const id of [pdfId, htmlId]) {
      await waitFor(async () => {
        const { body } = await owner.get(`/documents/${id}`);
        return (body as { status: string }).status === 'ready' ? true : undefined;
      }, 60_000, `document ${id}`);
    }
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  it('serves a PDF original to its reader as a PDF, byte for byte, never sniffed', async () => {
    const response = await owner.fetch(`/api/documents/${pdfId}/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="Harbour manual (2026).pdf"; filename*=UTF-8''Harbour%20manual%20(2026).pdf`,
    );
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);

    const download = await owner.fetch(`/api/documents/${pdfId}/original?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Harbour manual \(2026\)\.pdf"/);
  });

  it('serves an HTML original as sandboxed plain text, so its script cannot run', async () => {
    const response = await owner.fetch(`/api/documents/${htmlId}/original`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(await response.text()).toBe(HOSTILE_HTML);
  });

  it('is 404 for someone who may not read the vault, exactly as for a document that does not exist', async () => {
    const theirs = await member.fetch(`/api/documents/${pdfId}/original`);
    expect(theirs.status).toBe(404);
    const body = (await theirs.json()) as { code: string; error: string };
    expect(body).toEqual({ error: `Document ${pdfId} does not exist.`, detail: null, code: 'NOT_FOUND' });
    expect(await member.query('documentViewer.get', { id: pdfId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const page = await member.fetch(`/documents/${pdfId}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Harbour');
    expect((await fetch(`${app.url}/api/documents/${pdfId}/original`)).status).toBe(401);
  });

  it('gives the viewer every chunk with its pages', async () => {
    const view = await owner.query<{ chunks: Array<{ pageStart: number; pageEnd: number }>; original: { filename: string } }>('documentViewer.get', {
      id: pdfId,
    });
    if (!view.ok) throw new Error(view.message);
    expect(view.data.original.filename).toBe('Harbour manual (2026).pdf');
    expect(view.data.chunks[0]!.pageStart).toBe(1);
    expect(view.data.chunks.at(-1)!.pageEnd).toBe(3);
  });

  it('answers /documents/{id} with the viewer page for browsers and the original JSON for API clients', async () => {
    const page = await owner.fetch(`/documents/${pdfId}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
    const html = await page.text();
    expect(html).toContain('data-testid="document-viewer"');
    expect(html).toContain('Paged harbour manual');

    const json = await owner.fetch(`/documents/${pdfId}`);
    expect(json.headers.get('content-type')).toContain('application/json');
    const api = await owner.fetch(`/api/documents/${pdfId}`);
    expect(await json.json()).toEqual(await api.json());
    const asJson = await owner.fetch(`/documents/${pdfId}`, { headers: { accept: 'application/json' } });
    expect(await asJson.json()).toMatchObject({ document_id: pdfId, status: 'ready', chunk_count: expect.any(Number) });

    // A browser that is not signed in is sent to sign in and brought back.
    const stranger = await fetch(`${app.url}/documents/${pdfId}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(stranger.status).toBe(307);
    expect(stranger.headers.get('location')).toContain(`/sign-in?next=${encodeURIComponent(`/documents/${pdfId}`)}`);
    // Other methods keep their JSON endpoint, whatever the Accept header says.
    const put = await owner.fetch(`/documents/${pdfId}`, { method: 'PUT', headers: { accept: 'text/html' } });
    expect(put.status).toBe(405);
    const deleted = await owner.fetch(`/documents/${htmlId}`, { method: 'DELETE', headers: { accept: 'text/html' } });
    expect(await deleted.json()).toEqual({ document_id: htmlId, deleted: true });
    expect((await owner.fetch(`/documents/${htmlId}`)).status).toBe(404);
  });
});
