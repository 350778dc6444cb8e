import { authenticate } from '@/server/auth/authenticate';
import { isAdmin, SIGN_IN_REQUIRED, type Caller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { getServices } from '@/server/services';
import type { Route } from './route-table';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="docent"' };

/** Who is asking, as the route requires: 401 without credentials, 403 with ones that do not reach this far. */
export async function authorize(route: Route, request: Request): Promise<Caller | null> {
  if (route.auth === 'public') return null;
  const services = await getServices();
  const caller = await authenticate(services, request.headers, { anonymous: route.anonymous });
  if (!caller) {
    const hint = route.anonymous
      ? ' The original service’s API without credentials is off: an operator can allow it with ALLOW_ANONYMOUS_API=true.'
      : '';
    throw new AppError('UNAUTHORIZED', `${SIGN_IN_REQUIRED}${hint}`, null, { headers: CHALLENGE });
  }
  if (route.auth === 'operator') {
    if (!isAdmin(caller)) throw new AppError('FORBIDDEN', 'This needs an administrator (or the admin token).');
    return caller;
  }
  if (caller.kind === 'operator') {
    throw new AppError('FORBIDDEN', 'The admin token opens /metrics and the admin tools, not anyone’s data: use an API key.');
  }
  if (caller.scopes !== 'all' && !caller.scopes.has(route.auth)) {
    throw new AppError('FORBIDDEN', `This API key does not have the “${route.auth}” scope.`);
  }
  return caller;
}
