import { getUserSummary, listShareableUsers, listUsers, type UserSummary } from '@/db/queries/users';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { getAuth } from './better-auth';
import type { Role, UserCaller } from './caller';

/**
 * People, managed by administrators through better-auth's admin API (its password hashing, its session
 * revocation): create, change role, disable (banned: signed out everywhere and refused, API keys included),
 * enable again. The admin's own request headers go along: better-auth checks their session once more.
 */

type Deps = Pick<Services, 'db'>;

export function listPeople(deps: Deps): Promise<UserSummary[]> {
  return listUsers(deps.db);
}

/** The people a vault can be shared with: everyone else with an enabled account. */
export function sharingCandidates(deps: Deps, caller: UserCaller) {
  return listShareableUsers(deps.db, caller.userId);
}

export async function createPerson(deps: Deps, input: { name: string; email: string; password: string; role: Role }): Promise<UserSummary> {
  const auth = await getAuth();
  try {
    const { user } = await auth.api.createUser({ body: { name: input.name, email: input.email, password: input.password, role: input.role } });
    return (await getUserSummary(deps.db, user.id))!;
  } catch (error) {
    if (error instanceof Error && /already exists/i.test(error.message)) {
      throw new AppError('VALIDATION_ERROR', `Someone with the email ${input.email} already has an account.`, [{ field: 'email', message: 'already taken' }]);
    }
    throw error;
  }
}

async function requireOther(deps: Deps, caller: UserCaller, userId: string): Promise<UserSummary> {
  if (userId === caller.userId) throw new AppError('VALIDATION_ERROR', 'You cannot change your own role or disable yourself.');
  const user = await getUserSummary(deps.db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'That person does not exist.');
  return user;
}

export async function setRole(deps: Deps, caller: UserCaller, headers: Headers, userId: string, role: Role): Promise<UserSummary> {
  await requireOther(deps, caller, userId);
  await (await getAuth()).api.setRole({ body: { userId, role }, headers });
  return (await getUserSummary(deps.db, userId))!;
}

export async function setDisabled(deps: Deps, caller: UserCaller, headers: Headers, userId: string, disabled: boolean): Promise<UserSummary> {
  await requireOther(deps, caller, userId);
  const auth = await getAuth();
  if (disabled) await auth.api.banUser({ body: { userId, banReason: `Disabled by ${caller.name}` }, headers });
  else await auth.api.unbanUser({ body: { userId }, headers });
  return (await getUserSummary(deps.db, userId))!;
}
