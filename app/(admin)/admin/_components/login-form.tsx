'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { buttonStyles, cardStyles, inputStyles } from '@/app/_components/styles';

/** Reads `{ error }` from a failed sign-in; falls back to the status line when the body is not JSON. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string' && body.error) return body.error;
  } catch {
    // Not JSON: use the status below.
  }
  return response.status === 401 ? 'That token is not valid.' : `Sign-in failed (${response.status} ${response.statusText}).`;
}

/** Posts the token to /api/admin/login, which sets an httpOnly cookie; the page then re-renders as the dashboard. */
export function LoginForm() {
  const router = useRouter();
  const tokenId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const busy = submitting || refreshing;

  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      const response = await fetch('/api/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (!response.ok) {
        setError(await errorMessage(response));
        input.current?.select();
        return;
      }
      startRefresh(() => router.refresh());
    } catch (caught) {
      setError(`Couldn’t reach the server: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form
      aria-label="Admin sign in"
      data-testid="admin-login"
      className={`${cardStyles} space-y-4`}
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim() && !busy) void submit();
      }}
    >
      <div className="space-y-1">
        <label htmlFor={tokenId} className="text-sm font-medium">
          Admin token
        </label>
        <input
          ref={input}
          id={tokenId}
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          value={token}
          onChange={(event) => {
            setToken(event.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`${inputStyles} w-full font-mono`}
        />
      </div>
      {error && (
        <p id={errorId} role="alert" data-testid="admin-login-error" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={busy || !token.trim()}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
