import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appSecrets } from '../schema';

/**
 * Returns the stored secret, storing `generate()`'s value first if there is none. `created` tells the one
 * caller (across all instances) whose value was stored.
 */
export async function getOrCreateSecret(
  db: Database,
  key: string,
  generate: () => string,
): Promise<{ value: string; created: boolean }> {
  const candidate = generate();
  const [inserted] = await db.orm
    .insert(appSecrets)
    .values({ key, value: candidate })
    .onConflictDoNothing()
    .returning({ value: appSecrets.value });
  if (inserted) return { value: inserted.value, created: true };
  const [existing] = await db.orm.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.key, key));
  return { value: existing!.value, created: false };
}
