'use client';

import { useRef, useState } from 'react';
import { authClient } from '@/app/_auth/auth-client';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles } from '@/app/_components/styles';
import { TextField } from '@/app/_components/text-field';
import { describeAuthFailure } from '@/app/_auth/auth-problem';

/** Email and password; on success a full page load of `next`, so every part of the page knows who is signed in. */
export function SignInForm({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const signIn = async () => {
    setPending(true);
    setProblem(null);
    let retryAfter: string | null = null;
    try {
      const { error } = await authClient.signIn.email(
        { email: email.trim(), password },
        {
          // A 429 says in this header when to try again; the error object does not carry headers.
          onError: ({ response }) => {
            retryAfter = response.headers.get('retry-after');
          },
        },
      );
      if (!error) {
        window.location.assign(next);
        return;
      }
      setProblem(describeAuthFailure({ status: error.status, code: error.code, message: error.message, retryAfter }));
      if (error.status === 401) {
        setPassword('');
        passwordRef.current?.focus();
      }
    } catch {
      setProblem(describeAuthFailure({ status: 0 }));
    }
    setPending(false);
  };

  return (
    <form
      aria-label="Sign in"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void signIn();
      }}
    >
      <TextField label="Email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
      <TextField
        ref={passwordRef}
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {problem && <FormAlert testId="sign-in-problem">{problem}</FormAlert>}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
