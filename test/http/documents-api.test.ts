import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';
import { waitFor } from '@/test/support/services';

/** The original service's HTTP contract, kept: /ingest, /documents, /vaults, with `{ error, detail, code }` errors. */
describe('documents and vaults over the original HTTP API', () => {
  let app: AppServer;
  let owner: Session;
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    data = await tempDir('docent-api-');
    app = await startAppServer({ DATA_DIR: data.path, MAX_REQUEST_SIZE: '4096', MAX_UPLOAD_BYTES: '200000' });
    owner = await setUpOwner(app);
  });
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await owner.fetch(path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  const ready = (id: string) =>
    waitFor(async () => {
      const { body } = await call('GET', `/documents/${id}`);
      return body.status === 'ready' || body.status === 'failed' ? body : undefined;
    });

  it('POST /ingest answers "indexed" once the text is searchable, as the original did', async () => {
    const { status, body, headers } = await call('POST', '/ingest', {
      text: 'The Lighthouse X2 lamp lasts 4,000 hours.',
      title: 'Lamp',
      source: 'lamp.txt',
      metadata: { team: 'ops' },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ document_id: expect.any(String), status: 'indexed', chunk_count: 1, deduplicated: false, replaced: false });
    expect(headers.get('x-request-id')).toBeTruthy();
    // No waiting: it is ready the moment the answer arrives.
    expect((await call('GET', `/documents/${body.document_id}`)).body).toMatchObject({
      status: 'ready',
      chunk_count: 1,
      title: 'Lamp',
      metadata: { team: 'ops' },
    });

    const again = await call('POST', '/ingest', { text: 'The Lighthouse X2 lamp lasts 4,000 hours.' });
    expect(again.body).toMatchObject({ document_id: body.document_id, status: 'indexed', deduplicated: true });
  });

  it('POST /ingest with Prefer: respond-async answers 202 "queued" at once and indexes in the background', async () => {
    const { status, body, headers } = await call('POST', '/ingest', { text: 'Harbour pilots board at the outer buoy.' }, { prefer: 'respond-async' });
    expect(status).toBe(202);
    expect(headers.get('preference-applied')).toBe('respond-async');
    expect(body).toEqual({ document_id: expect.any(String), status: 'queued', deduplicated: false, replaced: false });
    expect(await ready(body.document_id)).toMatchObject({ status: 'ready', chunk_count: 1 });
  });

  it('GET /documents lists JSON for API clients while browsers get the upload page', async () => {
    const { status, body } = await call('GET', '/documents');
    expect(status).toBe(200);
    expect(body.documents.find((d: { title: string }) => d.title === 'Lamp')).toMatchObject({
      document_id: expect.any(String),
      title: 'Lamp',
      source: 'lamp.txt',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      vault_name: 'Default',
    });
    const page = await owner.fetch('/documents', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('answers bad input with 422, 413 and 415 and a message a person understands', async () => {
    const empty = await call('POST', '/ingest', { text: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body).toEqual({
      error: 'Invalid request: text: must not be empty',
      detail: [{ field: 'text', message: 'must not be empty' }],
      code: 'VALIDATION_ERROR',
    });
    const notJson = await call('POST', '/ingest', '{"text": ', { 'content-type': 'application/json' });
    expect(notJson).toMatchObject({ status: 422, body: { error: 'The request body is not valid JSON.', code: 'VALIDATION_ERROR' } });
    const tooBig = await call('POST', '/ingest', { text: 'x'.repeat(5000) });
    expect(tooBig).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    const wrongType = await call('POST', '/ingest', 'text=hello', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const badVault = await call('POST', '/ingest', { text: 'hi', vault_id: 'nope' });
    expect(badVault.body.detail).toEqual([{ field: 'vault_id', message: 'must be a UUID' }]);
  });

  it('POST /api/documents/statuses answers where many documents stand in one request, and refuses ids that are not ids', async () => {
    const first = await call('POST', '/ingest', { text: 'The tender leaves the slipway at dawn.', title: 'Tender' });
    const second = await call('POST', '/ingest', { text: 'The crane lifts at most two tonnes.', title: 'Crane' });
    const unknown = '30000000-0000-4000-8000-000000000001';
    const { status, body } = await call('POST', '/api/documents/statuses', { document_ids: [first.body.document_id, second.body.document_id, unknown] });
    expect(status).toBe(200);
    expect(new Map(body.documents.map((d: { document_id: string }) => [d.document_id, d]))).toEqual(
      new Map([
        [first.body.document_id, { document_id: first.body.document_id, status: 'ready', error: null, title: 'Tender' }],
        [second.body.document_id, { document_id: second.body.document_id, status: 'ready', error: null, title: 'Crane' }],
      ]),
    );
    expect(await call('POST', '/api/documents/statuses', { document_ids: ['not-a-uuid'] })).toMatchObject({ status: 422, body: { code: 'VALIDATION_ERROR' } });
    expect(await call('POST', '/api/documents/statuses', { document_ids: [] })).toMatchObject({ status: 422 });
  });

  it('deletes documents and answers 404 for unknown ids', async () => {
    const { body } = await call('POST', '/ingest', { text: 'Temporary note about fog.' });
    expect((await call('DELETE', `/documents/${body.document_id}`)).body).toEqual({ document_id: body.document_id, deleted: true });
    expect(await call('DELETE', `/documents/${body.document_id}`)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await call('GET', '/documents/not-a-uuid')).status).toBe(404);
  });

  it('manages vaults and scopes documents to them', async () => {
    const created = await call('POST', '/vaults', { name: 'Engineering', description: 'Specs' });
    expect(created.body).toMatchObject({ vault_id: expect.any(String), name: 'Engineering', document_count: 0, is_default: false });
    const vaultId = created.body.vault_id;
    expect((await call('POST', '/vaults', { name: 'engineering' })).status).toBe(422);

    const doc = await call('POST', '/ingest', { text: 'Torque the bolts to 40 Nm.', vault_id: vaultId });
    await ready(doc.body.document_id);
    const scoped = await call('GET', `/documents?vault_id=${vaultId}`);
    expect(scoped.body.documents.map((d: { document_id: string }) => d.document_id)).toEqual([doc.body.document_id]);

    const list = await call('GET', '/vaults');
    expect(list.body.vaults.map((v: { name: string }) => v.name)).toEqual(['Default', 'Engineering']);
    expect((await call('GET', `/vaults/${vaultId}`)).body.document_count).toBe(1);

    const defaultId = list.body.vaults[0].vault_id;
    expect((await call('DELETE', `/vaults/${defaultId}`)).status).toBe(422);
    expect((await call('DELETE', `/vaults/${vaultId}`)).body).toEqual({ vault_id: vaultId, deleted: true });
    expect((await call('GET', `/documents/${doc.body.document_id}`)).status).toBe(404);
    expect((await call('GET', `/vaults/${vaultId}`)).status).toBe(404);
  });

  it('accepts several files in one multipart upload and refuses unreadable or oversized ones whole', async () => {
    const form = new FormData();
    form.append('file', new Blob(['# Tides\n\nHigh tide is at noon.'], { type: 'text/markdown' }), 'tides.md');
    form.append('file', new Blob(['<html><title>Fog</title><body><p>Fog rolls in at dawn.</p><script>x()</script></body></html>']), 'fog.html');
    const accepted = await owner.fetch('/api/documents/upload', { method: 'POST', body: form });
    expect(accepted.status).toBe(202);
    const { documents } = (await accepted.json()) as { documents: Array<{ document_id: string; filename: string }> };
    expect(documents.map((d) => d.filename)).toEqual(['tides.md', 'fog.html']);
    for (const d of documents) expect(await ready(d.document_id)).toMatchObject({ status: 'ready' });

    const before = (await call('GET', '/documents')).body.documents.length;
    const mixed = new FormData();
    mixed.append('file', new Blob(['fine text']), 'ok.txt');
    mixed.append('file', new Blob(['GIF89a\u0001\u0000\u0001\u0000']), 'image.gif');
    const refused = await owner.fetch('/api/documents/upload', { method: 'POST', body: mixed });
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: string }).error).toMatch(/image\.gif is not a kind of document/);

    const huge = new FormData();
    huge.append('file', new Blob(['y'.repeat(300_000)]), 'big.txt');
    const tooLarge = await owner.fetch('/api/documents/upload', { method: 'POST', body: huge });
    expect(tooLarge.status).toBe(413);
    expect((await call('GET', '/documents')).body.documents.length).toBe(before);
  });

  it('reads real PDF and Word files in the running app, and a corrupt PDF fails alone with its reason', async () => {
    const fixture = (name: string) => new Blob([readFileSync(path.join(import.meta.dirname, '../fixtures', name))]);
    const form = new FormData();
    form.append('file', fixture('report.pdf'), 'report.pdf');
    form.append('file', fixture('handbook.docx'), 'handbook.docx');
    form.append('file', fixture('corrupt.pdf'), 'corrupt.pdf');
    const response = await owner.fetch('/api/documents/upload', { method: 'POST', body: form });
    expect(response.status).toBe(202);
    const { documents } = (await response.json()) as { documents: Array<{ document_id: string }> };
    const [pdf, docx, corrupt] = await Promise.all(documents.map((d) => ready(d.document_id)));
    expect(pdf).toMatchObject({ status: 'ready', mime_type: 'application/pdf' });
    expect(pdf.chunk_count).toBeGreaterThan(0);
    expect(docx).toMatchObject({ status: 'ready' });
    expect(corrupt.status).toBe('failed');
    expect(corrupt.error).toMatch(/PDF/);
    expect((await owner.fetch('/health')).status).toBe(200);
  });
});
