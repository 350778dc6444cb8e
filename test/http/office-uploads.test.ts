import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase } from '@/test/support/databases';
import { declaredZipBomb } from '@/test/support/hostile-files';
import { pptx } from '@/test/support/office-files';
import { waitFor } from '@/test/support/services';

type Upload = { documents: Array<{ document_id: string }> };
type Status = { status: string; error: string | null };

const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/**
 * The new formats through the production build (its ingestion thread loads the readers' packages from
 * node_modules, see server/ingest/thread/pool.ts): uploaded over HTTP, read, and their originals served safely.
 */
describe('office uploads over HTTP on the production build', () => {
  let app: AppServer;
  let owner: Session;
  const ids: Record<string, string> = {};

  const settled = (id: string) =>
    waitFor(async () => {
      const { body } = await owner.get(`/documents/${id}`);
      const status = body as Status;
      return status.status === 'ready' || status.status === 'failed' ? status : undefined;
    }, 90_000, `document ${id}`);

  beforeAll(async () => {
    app = await startAppServer({ DATABASE_URL: await createPostgresDatabase(), CHUNK_SIZE: '60', CHUNK_OVERLAP: '8' });
    owner = await setUpOwner(app);
    const form = new FormData();
    const deck = pptx([
      { title: 'Harbour lights', bullets: ['Three lamps replaced'], notes: 'Thank the night crew.' },
      { title: 'Next steps', bullets: ['Order spare lenses'], notes: 'Finance owes us the lens quote.' },
    ]);
    form.append('file', new Blob([deck], { type: PPTX_TYPE }), 'review.pptx');
    form.append('file', new Blob(['Product,Price\n"Walnut desk",349\n'], { type: 'text/csv' }), 'prices.csv');
    form.append('file', new Blob([declaredZipBomb(4_000_000_000)]), 'bomb.xlsx');
    const upload = await owner.fetch('/api/documents/upload', { method: 'POST', body: form });
    expect(upload.status, await upload.clone().text()).toBe(202);
    const [pptxId, csvId, bombId] = ((await upload.json()) as Upload).documents.map((d) => d.document_id);
    Object.assign(ids, { pptx: pptxId, csv: csvId, bomb: bombId });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('reads a presentation slide by slide, with its notes, each chunk on its slide', async () => {
    expect(await settled(ids.pptx!)).toMatchObject({ status: 'ready' });
    const view = await owner.query<{ chunks: Array<{ content: string; pageStart: number; pageEnd: number }> }>('documentViewer.get', { id: ids.pptx });
    if (!view.ok) throw new Error(view.message);
    expect(view.data.chunks.map((c) => [c.pageStart, c.pageEnd])).toEqual([[1, 1], [2, 2]]);
    expect(view.data.chunks[1]!.content).toContain('Speaker notes:\nFinance owes us the lens quote.');
  });

  it('serves a presentation original as a download of its own type, and a CSV as sandboxed plain text', async () => {
    expect(await settled(ids.csv!)).toMatchObject({ status: 'ready' });
    const deck = await owner.fetch(`/api/documents/${ids.pptx}/original`);
    expect(deck.headers.get('content-type')).toBe(PPTX_TYPE);
    expect(deck.headers.get('content-disposition')).toMatch(/^attachment; filename="review.pptx"/);
    const table = await owner.fetch(`/api/documents/${ids.csv}/original`);
    expect(table.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(table.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await table.text()).toContain('"Walnut desk",349');
  });

  it('fails a zip bomb with its reason, and the server stays healthy', async () => {
    const bomb = await settled(ids.bomb!);
    expect(bomb.status).toBe('failed');
    expect(bomb.error).toMatch(/zip bomb/);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
