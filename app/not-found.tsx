import Link from 'next/link';
import { buttonStyles } from '@/app/_components/styles';

/** Any address Docent has no page for: what happened and where to go instead. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-12 text-center">
      <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        There is no page at this address. It may have been moved or deleted, or the link may be mistyped.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href="/" className={buttonStyles.primary}>
          Go to the chat
        </Link>
        <Link href="/documents" className={buttonStyles.secondary}>
          Open your documents
        </Link>
      </div>
    </div>
  );
}
