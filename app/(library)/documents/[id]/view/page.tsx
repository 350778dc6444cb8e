import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireSignedIn } from '@/app/_auth/page-session';
import { serverTRPC } from '@/app/_trpc/server';
import { id as uuid } from '@/server/documents/schemas';
import { DocumentViewer } from '../_components/document-viewer';

export const dynamic = 'force-dynamic';

/*
 * The page of /documents/{id}: proxy.ts rewrites browsers' page loads there to this folder, so that the path itself
 * stays the original service's API for every other request (a page at /documents/[id] would take its DELETE too).
 */

/**
 * The document, or Next.js's 404 page when it does not exist or the signed-in person may not read it (the query
 * checks, so both look the same). Once per request: the title and the page both ask.
 */
const loadDocument = cache(async (id: string) => {
  if (!uuid.safeParse(id).success) notFound();
  try {
    return await (await serverTRPC()).documentViewer.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
});

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  await requireSignedIn(`/documents/${id}`);
  const view = await loadDocument(id);
  return { title: `${view.document.title} · Docent`, robots: { index: false, follow: false } };
}

export default async function DocumentPage({ params }: Props) {
  const { id } = await params;
  await requireSignedIn(`/documents/${id}`);
  const view = await loadDocument(id);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/documents" className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
          ← Documents
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="document-title">
          {view.document.title}
        </h1>
      </div>
      <DocumentViewer view={view} variant="page" />
    </div>
  );
}
