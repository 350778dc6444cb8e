import type { Metadata } from 'next';
import { requireSignedIn } from '@/app/_auth/page-session';
import { AdminDashboard } from './_components/admin-dashboard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Admin · Docent',
  description: 'Live metrics, database health and maintenance for this Docent instance.',
  robots: { index: false, follow: false },
};

/** Administrators only: members see why they cannot, strangers are sent to sign in. */
export default async function AdminPage() {
  const user = await requireSignedIn('/admin');
  if (user.role !== 'admin') {
    return (
      <div className="mx-auto max-w-sm space-y-2 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="text-zinc-600 dark:text-zinc-400">This page is for administrators. Ask one to change your role if you need it.</p>
      </div>
    );
  }
  return <AdminDashboard />;
}
