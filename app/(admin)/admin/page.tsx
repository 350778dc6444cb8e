import type { Metadata } from 'next';
import { requireSignedIn } from '@/app/_auth/page-session';
import { AdminDashboard } from './_components/admin-dashboard';
import { NotAnAdmin } from './_components/not-an-admin';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Admin · Docent',
  description: 'Live metrics, database health and maintenance for this Docent instance.',
  robots: { index: false, follow: false },
};

/** Administrators only: members see why they cannot, strangers are sent to sign in. */
export default async function AdminPage() {
  const user = await requireSignedIn('/admin');
  if (user.role !== 'admin') return <NotAnAdmin />;
  return <AdminDashboard />;
}
