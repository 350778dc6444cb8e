import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { SiteHeader } from '@/app/_components/site-header';
import { SkipLink } from '@/app/_components/skip-link';
import { THEME_SCRIPT } from '@/app/_components/theme/theme-script';
import { TRPCReactProvider } from '@/app/_trpc/react';
import './globals.css';

const DESCRIPTION = 'Chat with your documents: streamed answers with citations.';
/** Drawn by scripts/make-brand-assets.ts, as are the icons. */
const SOCIAL_IMAGE = { url: '/og-image.png', width: 1200, height: 630, alt: `Docent. ${DESCRIPTION}` };

export const metadata: Metadata = {
  // Social images need absolute URLs and there is no setting for Docent's public address yet; this is the origin
  // Next falls back to anyway, said here so production servers don't warn about it on every start.
  metadataBase: new URL('http://localhost:3000'),
  title: 'Docent',
  description: DESCRIPTION,
  icons: {
    // The SVG where browsers take it; `sizes` on the ICO keeps Chrome from preferring it over the SVG.
    icon: [
      { url: '/favicon.ico', sizes: '32x32' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: '/apple-touch-icon.png',
  },
  openGraph: { type: 'website', siteName: 'Docent', title: 'Docent', description: DESCRIPTION, images: [SOCIAL_IMAGE] },
  twitter: { card: 'summary_large_image', title: 'Docent', description: DESCRIPTION, images: [SOCIAL_IMAGE] },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts), which a page
  // prerendered at build time could not.
  await connection();
  const nonce = (await headers()).get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
  return (
    // The theme script sets <html>'s class and colour scheme before React hydrates: not a mismatch to report.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SkipLink />
        <TRPCReactProvider>
          <SiteHeader />
          <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 outline-none">
            {children}
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
