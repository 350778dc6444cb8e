import type { Metadata } from 'next';
import { requireSignedIn } from '@/app/_auth/page-session';
import { DocumentsWorkspace } from './_components/documents-workspace';

export const metadata: Metadata = {
  title: 'Documents · Docent',
  description: 'Upload documents and paste text for Docent to answer from.',
};

export const dynamic = 'force-dynamic';

export default async function DocumentsPage() {
  await requireSignedIn('/documents');
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Documents</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Add files or paste text, organised in vaults. Each document is split into passages and indexed, then
          Docent can answer from it with citations.
        </p>
      </div>
      <DocumentsWorkspace />
    </div>
  );
}
