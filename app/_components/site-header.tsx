import Link from 'next/link';
import { currentUser } from '@/app/_auth/page-session';
import { serverTRPC } from '@/app/_trpc/server';
import { AccountMenu } from './account-menu';
import { HEADER_SLOTS } from './header-slots';
import { NavLink } from './nav-link';
import { OfflineBadge } from './offline-badge';
import { ThemeSwitch } from './theme/theme-switch';

/**
 * One row on every page, phones included: the logo, for a signed-in person the pages they may open, the page's
 * own controls (HeaderSlot), the offline-mode chip, the theme switch and the account menu. Its height is
 * `--header-height` (globals.css), which fixed layouts below it use.
 */
export async function SiteHeader() {
  const user = await currentUser();
  const offline = user ? (await (await serverTRPC()).chat.capabilities()).offline : false;
  return (
    <header className="sticky top-0 z-30 h-(--header-height) border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
      <nav className="flex h-full items-center gap-2 px-2 sm:gap-4 sm:px-4" aria-label="Main">
        <div id={HEADER_SLOTS.start} className="contents" />
        <Link
          href="/"
          className="flex shrink-0 items-center gap-2 rounded-md text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100"
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- a 24 px SVG: nothing for the image optimiser to do */}
          <img src="/icon.svg" alt="" width={24} height={24} className="size-6" />
          <span className="max-sm:sr-only">Docent</span>
        </Link>
        {user && (
          <>
            <NavLink href="/">Chat</NavLink>
            <NavLink href="/documents">Documents</NavLink>
            {user.role === 'admin' && <NavLink href="/admin">Admin</NavLink>}
          </>
        )}
        <div id={HEADER_SLOTS.middle} className="flex min-w-0 flex-1 items-center gap-2" />
        {offline && <OfflineBadge />}
        <ThemeSwitch />
        {user && <AccountMenu name={user.name} email={user.email} />}
      </nav>
    </header>
  );
}
