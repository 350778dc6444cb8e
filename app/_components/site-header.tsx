import Link from 'next/link';
import { currentUser } from '@/app/_auth/page-session';
import { AccountMenu } from './account-menu';
import { NavLink } from './nav-link';

/** The logo, and for a signed-in person the pages they may open and their account menu. */
export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
      <nav className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3 sm:gap-6" aria-label="Main">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Docent
        </Link>
        {user && (
          <>
            <NavLink href="/">Chat</NavLink>
            <NavLink href="/documents">Documents</NavLink>
            {user.role === 'admin' && <NavLink href="/admin">Admin</NavLink>}
            <div className="ml-auto">
              <AccountMenu name={user.name} email={user.email} />
            </div>
          </>
        )}
      </nav>
    </header>
  );
}
