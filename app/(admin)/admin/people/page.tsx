import type { Metadata } from 'next';
import { requireSignedIn } from '@/app/_auth/page-session';
import { NotAnAdmin } from '../_components/not-an-admin';
import { PeopleSection } from '../_components/people-section';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'People · Admin · Docent',
  description: 'The people who use this Docent: accounts, roles, disabling.',
  robots: { index: false, follow: false },
};

/** Administrators manage accounts here: nobody signs up by themselves. */
export default async function PeoplePage() {
  const user = await requireSignedIn('/admin/people');
  if (user.role !== 'admin') return <NotAnAdmin />;
  return <PeopleSection currentUserId={user.userId} />;
}
