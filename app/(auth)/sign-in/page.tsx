import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/app/_auth/page-session';
import { safeNextPath } from '@/app/_auth/safe-next';
import { FormAlert } from '@/app/_components/form-alert';
import { serverTRPC } from '@/app/_trpc/server';
import { describeSsoFailure } from '@/app/_auth/auth-problem';
import { SetupForm } from './_components/setup-form';
import { SignInForm } from './_components/sign-in-form';
import { SsoButton } from './_components/sso-button';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in · Docent', robots: { index: false, follow: false } };

type SearchParams = Promise<{ next?: string | string[]; error?: string | string[] }>;

/** Signing in, or on a new install creating the owner's account; `?next=` is where to go afterwards. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentUser()) redirect(next);
  const options = await (await serverTRPC()).account.signInOptions().catch(() => null);
  const ssoError = typeof params.error === 'string' ? params.error : null;

  if (!options) {
    return (
      <Card title="Sign in">
        <FormAlert>Docent can’t reach its database right now, so nobody can sign in. Try again in a moment.</FormAlert>
      </Card>
    );
  }

  if (options.needsSetup) {
    return (
      <Card
        title="Create the owner account"
        intro="This Docent has no accounts yet. Yours will be its owner: an administrator who adds the other people. Whatever is already stored here becomes yours."
      >
        <SetupForm next={next} />
      </Card>
    );
  }

  return (
    <Card title="Sign in to Docent">
      {options.sso && ssoError && <FormAlert>{describeSsoFailure(ssoError, options.sso.name)}</FormAlert>}
      <SignInForm next={next} />
      {options.sso && (
        <>
          <p className="flex items-center gap-3 text-xs text-zinc-500 before:h-px before:flex-1 before:bg-zinc-200 after:h-px after:flex-1 after:bg-zinc-200 dark:text-zinc-400 dark:before:bg-zinc-800 dark:after:bg-zinc-800">
            or
          </p>
          <SsoButton providerId={options.sso.providerId} name={options.sso.name} next={next} />
        </>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">No account? Ask an administrator of this Docent to create one for you.</p>
    </Card>
  );
}

function Card({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-sm space-y-6 py-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {intro && <p className="text-sm text-zinc-600 dark:text-zinc-400">{intro}</p>}
      </div>
      <div className="space-y-5 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">{children}</div>
    </div>
  );
}
