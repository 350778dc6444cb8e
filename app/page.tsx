import { serverTRPC } from './_trpc/server';
import { OfflineNotice } from './_components/offline-notice';
import { SystemStatus } from './_components/system-status';

// Rendered per request: it reads the live configuration, and the build must never open the database.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const capabilities = await (await serverTRPC()).chat.capabilities();
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Chat with your documents</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Upload documents, ask questions, and get answers grounded in them with citations.
        </p>
      </div>
      {capabilities.offline && <OfflineNotice />}
      <SystemStatus />
    </div>
  );
}
