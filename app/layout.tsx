import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NavLink } from '@/app/_components/nav-link';
import { TRPCReactProvider } from '@/app/_trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Docent',
  description: 'Chat with your documents: streamed answers with citations.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <TRPCReactProvider>
          <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
            <nav className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3" aria-label="Main">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Docent
              </Link>
              <NavLink href="/">Chat</NavLink>
              <NavLink href="/documents">Documents</NavLink>
              <NavLink href="/admin">Admin</NavLink>
            </nav>
          </header>
          <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
