import { afterEach, describe, expect, it } from 'vitest';
import { getDocument } from '@/db/queries/documents';
import { insertVault, setVaultSharing } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { submitDocument } from '@/server/ingest/submit';
import type { Services } from '@/server/services';
import { createCaller } from '@/server/trpc/root';
import { DRIVERS, type Driver } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices, waitFor } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';
import { IngestWorker } from '@/server/ingest/worker';

const QUESTION = 'How long is the warranty on the compressor?';

describe.each(DRIVERS)('document tags and retrieval filters on %s', (driver: Driver) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  const as = (services: Services, caller: UserCaller) => createCaller({ ...services, requestId: 'test', headers: new Headers(), caller, authError: null });

  /** Markdown files through the real pipeline, so their type is the one detected at ingestion. */
  async function ingestMarkdown(services: Services, caller: UserCaller, vaultId: string, files: Array<{ name: string; text: string }>) {
    const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: 30, maxAttempts: 1, pollIntervalMs: 20 });
    worker.start();
    try {
      const ids: string[] = [];
      for (const file of files) {
        const submitted = await submitDocument(services, caller, { content: new TextEncoder().encode(file.text), filename: file.name, mimeType: 'text/markdown', vaultId });
        ids.push(submitted.documentId);
      }
      for (const id of ids) await waitFor(async () => ((await getDocument(services.db, caller.userId, id))?.status === 'ready' ? true : undefined));
      return ids;
    } finally {
      await worker.stop();
    }
  }

  async function setUp() {
    const created = await createTestServices(driver);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const vault = await insertVault(services.db, owner.userId, { name: 'Appliances' });
    const vaultId = vault!.id;
    // Ten passages that answer the question word for word: unfiltered, they fill any top 3.
    const plain = await ingestAndWait(
      services,
      owner,
      Array.from({ length: 10 }, (_, i) => ({ title: `Catalogue ${i}`, text: `The warranty on the compressor is ${i + 2} years, catalogue page ${i}.`, vaultId })),
    );
    // Three that answer it less directly, which the filters will ask for.
    const hr = await ingestAndWait(
      services,
      owner,
      ['Staff handbook: repairs to office fridges are covered.', 'Staff handbook: the cooling unit guarantee lasts a decade.', 'Staff handbook: appliance claims go to facilities.'].map(
        (text, i) => ({ title: `Handbook ${i}`, text, vaultId }),
      ),
    );
    const markdown = await ingestMarkdown(services, owner, vaultId, [
      { name: 'notes-a.md', text: '# Notes\n\nThe compressor was serviced in May.' },
      { name: 'notes-b.md', text: '# Notes\n\nWarranty claims need the receipt.' },
    ]);
    return { services, owner, vaultId, plain, hr, markdown };
  }

  it('tags are normalised and editable by writers only; chat retrieval filtered by tag or type keeps top_k full', async () => {
    const { services, owner, vaultId, plain, hr, markdown } = await setUp();
    const api = as(services, owner);

    for (const id of hr) {
      const tagged = await api.documents.setTags({ id, tags: ['  HR ', 'hr', 'Policies,', ''] });
      expect(tagged.tags).toEqual(['hr', 'policies']);
    }
    expect((await api.documents.get({ id: hr[0]! })).tags).toEqual(['hr', 'policies']);
    expect(await api.documents.tags()).toEqual([
      { tag: 'hr', documents: 3 },
      { tag: 'policies', documents: 3 },
    ]);

    const unfiltered = await api.chat.passages({ question: QUESTION, vaultId, topK: 3 });
    expect(unfiltered.map((p) => p.documentId).every((id) => plain.includes(id))).toBe(true);

    // Filtered inside the search: three passages, all tagged, although ten untagged ones rank above them.
    const byTag = await api.chat.passages({ question: QUESTION, vaultId, topK: 3, filters: { tags: ['HR'] } });
    expect(byTag).toHaveLength(3);
    expect(new Set(byTag.map((p) => p.documentId))).toEqual(new Set(hr));

    const byType = await api.chat.passages({ question: QUESTION, topK: 3, filters: { types: ['markdown'] } });
    expect(byType).toHaveLength(2);
    expect(new Set(byType.map((p) => p.documentId))).toEqual(new Set(markdown));
    // Both filters: documents with the tag and of the type, none here.
    expect(await api.chat.passages({ question: QUESTION, topK: 3, filters: { tags: ['hr'], types: ['markdown'] } })).toEqual([]);

    await expect(api.chat.passages({ question: QUESTION, filters: { tag: ['hr'] } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'filters may hold only tags and types; it does not know "tag".',
    });
    await expect(api.chat.passages({ question: QUESTION, filters: { types: ['spreadsheet'] } })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: expect.stringContaining('filters.types.0: must each be one of pdf, docx, pptx, xlsx, ods, csv, odt, epub, rtf, html, markdown, text, png, jpeg, tiff, webp'),
    });

    // The library filters by tag too.
    const library = await api.documents.library({ tag: ' HR', pageSize: 50 });
    expect(library.total).toBe(3);
    expect(library.items.map((d) => d.id).sort()).toEqual([...hr].sort());
  });

  it('a reader of a shared vault cannot tag (403); others do not see the document (404) nor its tags', async () => {
    const { services, owner, vaultId, hr } = await setUp();
    await as(services, owner).documents.setTags({ id: hr[0]!, tags: ['confidential'] });
    const reader = await createTestUser(services.db, { name: 'Reader' });
    const stranger = await createTestUser(services.db, { name: 'Stranger' });
    await setVaultSharing(services.db, owner.userId, vaultId, { visibility: 'shared', everyoneAccess: 'read', members: [{ userId: reader.userId, access: 'read' }] });

    await expect(as(services, reader).documents.setTags({ id: hr[0]!, tags: ['mine'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can read this vault but not change its documents.',
    });
    await expect(as(services, stranger).documents.setTags({ id: hr[0]!, tags: ['mine'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Document ${hr[0]} does not exist.`,
    });
    expect(await as(services, reader).documents.tags()).toEqual([{ tag: 'confidential', documents: 1 }]);
    expect(await as(services, stranger).documents.tags()).toEqual([]);
    // A stranger's filtered search finds nothing of a vault they cannot read.
    expect(await as(services, stranger).chat.passages({ question: QUESTION, filters: { tags: ['confidential'] } })).toEqual([]);
    expect((await as(services, owner).documents.get({ id: hr[0]! })).tags).toEqual(['confidential']);
  });
});
