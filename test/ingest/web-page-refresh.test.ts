import { afterEach, describe, expect, it } from 'vitest';
import { recordPageFetched } from '@/db/queries/web-pages';
import { insertVault, setVaultSharing } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { createCaller } from '@/server/trpc/root';
import { DRIVERS, type Driver } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';

/** What the document viewer reads and sets for a web page's own refresh interval (webPages.page / setRefreshHours). */
describe.each(DRIVERS)('a web page’s refresh interval through the app’s API on %s', (driver: Driver) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  const as = (services: Services, caller: UserCaller) => createCaller({ ...services, requestId: 'test', headers: new Headers(), caller, authError: null });

  /** A document from a web address, recorded as fetched (as the fetch worker does), in a vault of its own. */
  async function webDocument(env: Record<string, string>) {
    const created = await createTestServices(driver, env);
    cleanup = created.cleanup;
    const { services, owner } = created;
    const vault = await insertVault(services.db, owner.userId, { name: 'Harbour pages' });
    const source = 'https://harbour.example/tides';
    const [id] = await ingestAndWait(services, owner, [{ title: 'Tide table', text: 'High water is forty minutes after the lighthouse.', source, vaultId: vault!.id }]);
    await recordPageFetched(services.db, { documentId: id!, source, finalUrl: source, changed: true, addedBy: owner.userId });
    return { services, owner, vaultId: vault!.id, id: id! };
  }

  it('shows the page’s own interval next to the server’s default, and keeps what a writer sets', async () => {
    const { services, owner, id } = await webDocument({ URL_REFRESH_HOURS: '12' });
    const api = as(services, owner);
    expect(await api.webPages.page({ id })).toMatchObject({ refreshHours: null, defaultRefreshHours: 12 });

    await api.webPages.setRefreshHours({ id, hours: 24 });
    expect(await api.webPages.page({ id })).toMatchObject({ refreshHours: 24, defaultRefreshHours: 12 });
    await api.webPages.setRefreshHours({ id, hours: 0 });
    expect(await api.webPages.page({ id })).toMatchObject({ refreshHours: 0 });
    await api.webPages.setRefreshHours({ id, hours: null });
    expect(await api.webPages.page({ id })).toMatchObject({ refreshHours: null });
  });

  it('lets a reader of the vault see the interval but not change it, in words', async () => {
    const { services, owner, vaultId, id } = await webDocument({});
    await as(services, owner).webPages.setRefreshHours({ id, hours: 168 });
    const reader = await createTestUser(services.db, { name: 'Reader' });
    await setVaultSharing(services.db, owner.userId, vaultId, { visibility: 'shared', everyoneAccess: 'read', members: [{ userId: reader.userId, access: 'read' }] });

    const readerApi = as(services, reader);
    expect(await readerApi.webPages.page({ id })).toMatchObject({ refreshHours: 168, defaultRefreshHours: 0 });
    await expect(readerApi.webPages.setRefreshHours({ id, hours: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Document ${id} does not exist, did not come from a web address, or you cannot change it.`,
    });
    expect(await readerApi.webPages.page({ id })).toMatchObject({ refreshHours: 168 });
    expect(await as(services, reader).documentViewer.get({ id })).toMatchObject({ canEdit: false });
  });
});
