'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { buttonStyles } from '@/app/_components/styles';

/** Clears the admin cookie, forgets the cached admin data and shows the sign-in form again. */
export function SignOutButton() {
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();

  const signOut = async () => {
    setPosting(true);
    setError(null);
    try {
      const response = await fetch('/api/admin/logout', { method: 'POST' });
      if (!response.ok) {
        setError(`Sign-out failed (${response.status}).`);
        return;
      }
      queryClient.removeQueries({ queryKey: trpc.admin.pathKey() });
      startRefresh(() => router.refresh());
    } catch (caught) {
      setError(`Couldn’t reach the server: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setPosting(false);
    }
  };

  return (
    <span className="inline-flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      <button type="button" className={buttonStyles.secondary} disabled={posting || refreshing} onClick={() => void signOut()}>
        {posting || refreshing ? 'Signing out…' : 'Sign out'}
      </button>
    </span>
  );
}
