import { Suspense } from 'react';
import { requireSignedIn } from '@/app/_auth/page-session';
import { serverTRPC } from '@/app/_trpc/server';
import { ChatApp, ConversationSkeleton } from './_components/chat-app';

// Rendered per request: it reads the live configuration, and the build must never open the database.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireSignedIn('/');
  const capabilities = await (await serverTRPC()).chat.capabilities();
  return (
    // useSearchParams (the open conversation) needs a Suspense boundary.
    <Suspense fallback={<ConversationSkeleton />}>
      <ChatApp offline={capabilities.offline} />
    </Suspense>
  );
}
