import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOverview } from '@/server/admin/overview';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { createTestServices } from '@/test/support/services';

describe.each(DRIVERS)('the admin page’s failed documents (%s)', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ services, owner, cleanup } = await createTestServices(driver));
    const { db } = services;
    const otherId = randomUUID();
    await db.orm.execute(sql`INSERT INTO users (id, name, email, role) VALUES (${otherId}, 'Other', ${`${otherId}@docent.test`}, 'member')`);
    const [mine] = await db.rows<{ id: string }>(sql`INSERT INTO vaults (name, owner_id) VALUES ('Mine', ${owner.userId}) RETURNING id`);
    const [theirs] = await db.rows<{ id: string }>(sql`INSERT INTO vaults (name, owner_id) VALUES ('Private', ${otherId}) RETURNING id`);
    const add = (vault: string, title: string, status: string, minutesAgo: number) =>
      db.orm.execute(sql`INSERT INTO documents (vault_id, title, content_hash, status, error, updated_at)
        VALUES (${vault}, ${title}, ${randomUUID()}, ${status}, ${status === 'failed' ? `${title} could not be read.` : null},
                now() - make_interval(mins => ${minutesAgo}))`);
    await add(mine!.id, 'Older failure', 'failed', 10);
    await add(mine!.id, 'Newest failure', 'failed', 1);
    await add(mine!.id, 'Fine', 'ready', 0);
    await add(theirs!.id, 'Someone else’s failure', 'failed', 0);
  });
  afterAll(() => cleanup?.());

  it('lists the failures the admin may open, newest first, and only counts the others', async () => {
    const overview = await adminOverview(services, owner);
    expect(overview.ingestQueue.failed).toBe(3);
    expect(overview.failedDocuments.documents.map((document) => document.title)).toEqual(['Newest failure', 'Older failure']);
    expect(overview.failedDocuments.documents[0]!.error).toBe('Newest failure could not be read.');
    expect(overview.failedDocuments.unreadable).toBe(1);
  });

  it('gives the operator token (nobody’s documents) the count only', async () => {
    const overview = await adminOverview(services, { kind: 'operator' });
    expect(overview.failedDocuments).toEqual({ documents: [], unreadable: 3 });
  });
});
