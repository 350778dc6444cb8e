import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { isAdminRequest } from '@/server/admin/auth';
import { AdminDashboard } from './_components/admin-dashboard';
import { LoginForm } from './_components/login-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Admin · Docent',
  description: 'Live metrics, database health and maintenance for this Docent instance.',
  robots: { index: false, follow: false },
};

/** Operators only: the admin cookie (set by signing in with ADMIN_TOKEN) shows the dashboard, anything else the sign-in form. */
export default async function AdminPage() {
  const signedIn = await isAdminRequest(await headers(), await cookies());

  if (!signedIn) {
    return (
      <div className="mx-auto max-w-sm space-y-6 py-8">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
          <p className="text-zinc-600 dark:text-zinc-400">
            Sign in with this instance&rsquo;s admin token (the <code className="text-sm">ADMIN_TOKEN</code> it was
            started with) to see its metrics and run maintenance.
          </p>
        </div>
        <LoginForm />
      </div>
    );
  }

  return <AdminDashboard />;
}
