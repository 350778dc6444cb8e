import { AppError } from '@/server/errors';
import { id } from '@/server/documents/schemas';
import type { RouteParams } from './route-table';

/** The `[id]` of a path. Ids that are not UUIDs cannot exist: 404, like any other unknown id. */
export function idParam(params: RouteParams, what: string): string {
  const raw = params.id ?? '';
  if (!id.safeParse(raw).success) throw new AppError('NOT_FOUND', `${what} ${raw} does not exist.`);
  return raw;
}
