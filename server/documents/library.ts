import { readerFor } from '@/server/read-routing';
import { libraryPage, type LibraryQuery } from '@/db/queries/document-library';
import { getVault } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'> & Partial<Pick<Services, 'cache'>>;

/** A page of the documents the caller may read; a vault they cannot read is one that does not exist. */
export async function findLibraryPage(deps: Deps, caller: UserCaller, query: LibraryQuery) {
  if (query.vaultId && !(await getVault(deps.db, caller.userId, query.vaultId))) {
    throw new AppError('NOT_FOUND', `Vault ${query.vaultId} does not exist.`);
  }
  const page = await libraryPage(await readerFor(deps, caller.userId), caller.userId, query);
  return { ...page, page: query.page, pageSize: query.pageSize, pageCount: Math.max(1, Math.ceil(page.total / query.pageSize)) };
}
