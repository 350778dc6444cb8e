import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase, tempDir } from '@/test/support/databases';

const MEMBER = { name: 'Mina Member', email: 'mina@docent.test', password: 'member-password-1' };
const QUESTION = 'How long is the warranty on the compressor?';

type Sources = { sources: Array<{ document_id: string; chunk_id: string }> };

/** Retrieval filters through the original POST /chat and the app's /api/chat, and chunk changes over tRPC, as a client sees them. */
describe.each(['pglite', 'postgres'] as const)('chunks, tags and filters over HTTP on %s', (driver) => {
  let app: AppServer;
  let owner: Session;
  let member: Session;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let vaultId: string;
  const plain: string[] = [];
  const tagged: string[] = [];

  beforeAll(async () => {
    data = await tempDir('docent-filters-');
    const database: Record<string, string> = driver === 'postgres' ? { DATABASE_URL: await createPostgresDatabase() } : { DATA_DIR: data.path };
    app = await startAppServer(database);
    owner = await setUpOwner(app);
    member = await addPerson(owner, MEMBER);
    const vault = await owner.mutate<{ id: string }>('vaults.create', { name: 'Appliances' });
    if (!vault.ok) throw new Error(vault.message);
    vaultId = vault.data.id;
    for (let i = 0; i < 6; i++) {
      const { body } = await owner.post('/ingest', { text: `The warranty on the compressor is ${i + 2} years, catalogue page ${i}.`, title: `Catalogue ${i}`, vault_id: vaultId });
      plain.push((body as { document_id: string }).document_id);
    }
    for (const text of ['Staff handbook: repairs to office fridges are covered.', 'Staff handbook: the cooling unit guarantee lasts a decade.']) {
      const { body } = await owner.post('/ingest', { text, title: 'Handbook', vault_id: vaultId, source: text.slice(15, 30) });
      const id = (body as { document_id: string }).document_id;
      tagged.push(id);
      const set = await owner.mutate('documents.setTags', { id, tags: ['HR'] });
      if (!set.ok) throw new Error(set.message);
    }
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  it('POST /chat narrows retrieval to a tag inside the search (top_k stays full) and lists tags with documents', async () => {
    const unfiltered = await owner.post('/chat', { session_id: 'plain', message: QUESTION, config: { top_k: 2 } });
    expect(unfiltered.status).toBe(200);
    expect((unfiltered.body as Sources).sources.every((s) => plain.includes(s.document_id))).toBe(true);

    const filtered = await owner.post('/chat', { session_id: 'hr', message: QUESTION, config: { top_k: 2 }, filters: { tags: ['hr'] } });
    expect(filtered.status).toBe(200);
    const sources = (filtered.body as Sources).sources;
    expect(sources).toHaveLength(2);
    expect(new Set(sources.map((s) => s.document_id))).toEqual(new Set(tagged));

    const byType = await owner.post('/chat', { session_id: 'pdf', message: QUESTION, filters: { types: ['pdf'] } });
    expect(byType.status).toBe(200);
    expect((byType.body as Sources).sources).toEqual([]);

    const listed = await owner.get(`/documents?vault_id=${vaultId}`);
    const documents = (listed.body as { documents: Array<{ document_id: string; tags: string[] }> }).documents;
    expect(documents.find((d) => d.document_id === tagged[0])?.tags).toEqual(['hr']);
  });

  it('refuses unknown filter keys with a 400 in words, on POST /chat and the app chat alike', async () => {
    const compat = await owner.post('/chat', { session_id: 'bad', message: QUESTION, filters: { tag: ['hr'] } });
    expect(compat.status).toBe(400);
    expect(compat.body).toMatchObject({ code: 'BAD_REQUEST', error: 'filters may hold only tags and types; it does not know "tag".' });

    const ui = await owner.post('/api/chat', {
      sessionId: 'bad-ui',
      trigger: 'submit-message',
      message: { parts: [{ type: 'text', text: QUESTION }] },
      filters: { tags: ['hr'], folders: ['x'] },
    });
    expect(ui.status).toBe(400);
    expect(ui.body).toMatchObject({ error: 'filters may hold only tags and types; it does not know "folders".' });

    const badType = await owner.post('/chat', { session_id: 'bad', message: QUESTION, filters: { types: ['exe'] } });
    expect(badType.status).toBe(422);
    expect((badType.body as { error: string }).error).toContain('filters.types.0: must each be one of pdf, docx, pptx, xlsx, ods, csv, odt, epub, rtf, html, markdown, text, png, jpeg, tiff, webp');
  });

  it('only writers change chunks: 404 for someone who cannot see the vault, 403 for a reader, then the writer’s edit is searchable', async () => {
    const view = await owner.query<{ chunks: Array<{ id: string }> }>('documentViewer.get', { id: plain[0] });
    if (!view.ok) throw new Error(view.message);
    const chunkId = view.data.chunks[0]!.id;

    const hidden = await member.mutate('documentViewer.editChunk', { chunkId, content: 'Defaced' });
    expect(hidden).toMatchObject({ ok: false, status: 404, message: `Chunk ${chunkId} does not exist.` });
    const share = await owner.mutate('vaults.share', { id: vaultId, visibility: 'shared', everyoneAccess: 'read', members: [{ userId: await memberId(), access: 'read' }] });
    expect(share.ok).toBe(true);
    expect(await member.mutate('documentViewer.editChunk', { chunkId, content: 'Defaced' })).toMatchObject({
      ok: false,
      status: 403,
      message: 'You can read this vault but not change its documents.',
    });
    expect(await member.mutate('documentViewer.excludeChunk', { chunkId, excluded: true })).toMatchObject({ ok: false, status: 403 });
    expect(await member.mutate('documents.setTags', { id: plain[0], tags: ['x'] })).toMatchObject({ ok: false, status: 403 });
    expect(await owner.mutate('documentViewer.editChunk', { chunkId, content: '   ' })).toMatchObject({
      ok: false,
      status: 400,
      message: 'content: must not be empty: exclude the chunk from search instead',
    });

    const edited = await owner.mutate('documentViewer.editChunk', { chunkId, content: 'The compressor of the Frostline model is guaranteed for nine winters.' });
    expect(edited.ok).toBe(true);
    const found = await owner.post('/chat', { session_id: 'edited', message: 'Frostline winters', config: { top_k: 1 } });
    expect((found.body as Sources).sources[0]?.chunk_id).toBe(chunkId);
  });

  async function memberId(): Promise<string> {
    const people = await owner.query<Array<{ id: string; email: string }>>('vaults.people');
    if (!people.ok) throw new Error(people.message);
    return people.data.find((p) => p.email === MEMBER.email)!.id;
  }
});
