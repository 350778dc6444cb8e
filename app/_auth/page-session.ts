import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { sessionCaller } from '@/server/auth/authenticate';
import type { UserCaller } from '@/server/auth/caller';

/** The signed-in person for a page, or null. */
async function currentUser(): Promise<UserCaller | null> {
  return sessionCaller(await headers()).catch(() => null);
}

/** Pages are for signed-in people: anyone else is sent to sign in, and brought back to `path` afterwards. */
export async function requireSignedIn(path: string): Promise<UserCaller> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return user;
}
