import type { Metadata } from 'next';
import { requireSignedIn } from '@/app/_auth/page-session';
import { ApiKeysSection } from './_components/api-keys-section';
import { PasswordForm } from './_components/password-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Settings · Docent', robots: { index: false, follow: false } };

/** The signed-in person's own account: who they are, their password, and API keys for their scripts. */
export default async function SettingsPage() {
  const user = await requireSignedIn('/settings');
  const facts = [
    { label: 'Name', value: user.name },
    { label: 'Email', value: user.email },
    { label: 'Role', value: user.role === 'admin' ? 'Administrator' : 'Member' },
  ];
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-zinc-600 dark:text-zinc-400">Your account, your password, and the API keys your scripts use to act as you.</p>
      </div>

      <section aria-labelledby="account-heading" className="space-y-3">
        <h2 id="account-heading" className="text-lg font-semibold">
          Account
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]" data-testid="account-facts">
          {facts.map((fact) => (
            <div key={fact.label} className="contents">
              <dt className="text-zinc-500 dark:text-zinc-400">{fact.label}</dt>
              <dd className="break-words max-sm:mb-2">{fact.value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Only an administrator can change your role.</p>
      </section>

      <PasswordForm />
      <ApiKeysSection />
    </div>
  );
}
