import { getVault } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { parseRetrievalFilters, searchFiltersOf } from './filters';
import { retrievePassages } from './retrieve';

/**
 * The passages a question would be answered from, without asking the model: what a chat with the same vault and
 * filters retrieves, for checking tags and filters before chatting.
 */
export async function findPassages(
  deps: Pick<Services, 'db' | 'providers' | 'config' | 'cache' | 'logger'>,
  caller: UserCaller,
  input: { question: string; vaultId?: string | null; filters?: unknown; topK?: number },
) {
  const filters = parseRetrievalFilters(input.filters);
  if (input.vaultId && !(await getVault(deps.db, caller.userId, input.vaultId))) throw new AppError('NOT_FOUND', `Vault ${input.vaultId} does not exist.`);
  return retrievePassages(deps, caller, {
    question: input.question,
    vaultId: input.vaultId ?? null,
    filters: searchFiltersOf(filters),
    topK: input.topK ?? deps.config.defaultTopK,
  });
}
