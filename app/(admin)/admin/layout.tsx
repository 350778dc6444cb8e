import { currentUser } from '@/app/_auth/page-session';
import { AdminTabs } from './_components/admin-tabs';

/** The admin pages share their tabs; each page still checks who is asking. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <div className="space-y-8">
      {user?.role === 'admin' && <AdminTabs />}
      {children}
    </div>
  );
}
