'use client';

import { useState } from 'react';
import { authClient } from '@/app/_auth/auth-client';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles } from '@/app/_components/styles';
import { describeAuthFailure } from '@/app/_auth/auth-problem';

/**
 * Single sign-on through the OpenID Connect provider the server is configured with: better-auth sends the browser
 * there and back to `next`; a failure comes back to this page with `?error=` (see describeSsoFailure).
 */
export function SsoButton({ providerId, name, next }: { providerId: string; name: string; next: string }) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const start = async () => {
    setPending(true);
    setProblem(null);
    try {
      const { error } = await authClient.signIn.social({
        provider: providerId,
        callbackURL: next,
        errorCallbackURL: `/sign-in?next=${encodeURIComponent(next)}`,
      });
      // On success the browser is already on its way to the provider.
      if (!error) return;
      setProblem(describeAuthFailure({ status: error.status, code: error.code, message: error.message }));
    } catch {
      setProblem(describeAuthFailure({ status: 0 }));
    }
    setPending(false);
  };

  return (
    <div className="space-y-3">
      <button type="button" className={`${buttonStyles.secondary} w-full`} disabled={pending} onClick={() => void start()}>
        {pending ? 'Opening…' : `Sign in with ${name}`}
      </button>
      {problem && <FormAlert>{problem}</FormAlert>}
    </div>
  );
}
