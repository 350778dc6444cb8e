import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { sessionCaller } from '@/server/auth/authenticate';
import type { UserCaller } from '@/server/auth/caller';

/** The signed-in person for a page, or null; looked up once per request (the header and the page both ask). */
export const currentUser = cache(async (): Promise<UserCaller | null> => sessionCaller(await headers()).catch(() => null));

/** Pages are for signed-in people: anyone else is sent to sign in, and brought back to `path` afterwards. */
export async function requireSignedIn(path: string): Promise<UserCaller> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return user;
}
