import { readActiveModel } from '@/db/queries/reembed';
import { withEmbedder, type Providers } from '@/server/providers/registry';
import type { Services } from '@/server/services';

/**
 * The providers embedding with the model the library's vectors are in (embedding_state), which is the configured
 * one except while a re-embed to it runs: until that switches, questions and new documents keep using the old
 * model, so searches find every document. Read from the database with a short memory: a search that finds
 * nothing asks again (`refresh`), since a switch may have just happened in another process.
 */
const TTL_MS = 2_000;
const KEY = Symbol.for('docent.activeEmbeddingModel');
const slot = globalThis as unknown as { [KEY]?: { model: string | null; at: number; db: unknown } };

export async function activeProviders(services: Pick<Services, 'db' | 'providers'>, options: { refresh?: boolean } = {}): Promise<Providers> {
  return (await activeEmbedding(services, options)).providers;
}

/** The recorded model (null before any) and the providers to use with it. */
export async function activeEmbedding(
  services: Pick<Services, 'db' | 'providers'>,
  options: { refresh?: boolean } = {},
): Promise<{ model: string | null; providers: Providers }> {
  const cached = slot[KEY];
  let model: string | null;
  if (!options.refresh && cached && cached.db === services.db && Date.now() - cached.at < TTL_MS) model = cached.model;
  else {
    model = await readActiveModel(services.db);
    slot[KEY] = { model, at: Date.now(), db: services.db };
  }
  // A model this process cannot use (e.g. an OpenAI model, now offline): the configured one, as before re-embedding existed.
  return { model, providers: (model && withEmbedder(services.providers, model)) || services.providers };
}

/** After this process switched the model itself: the next search reads the new one. */
export function forgetActiveModel(): void {
  slot[KEY] = undefined;
}
