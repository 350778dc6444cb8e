'use client';

import { useState } from 'react';
import { authClient } from '@/app/_auth/auth-client';
import { describeAuthFailure } from '@/app/_auth/auth-problem';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles, cardStyles } from '@/app/_components/styles';
import { TextField } from '@/app/_components/text-field';

const MIN_PASSWORD = 10;
const EMPTY = { current: '', next: '', confirmation: '' };

/** Changing one's password signs out every other browser: whoever knew the old one is out too. */
export function PasswordForm() {
  const [values, setValues] = useState(EMPTY);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'error' | 'notice'; message: string } | null>(null);
  const [wrongCurrent, setWrongCurrent] = useState(false);
  const mismatch = values.confirmation !== '' && values.confirmation !== values.next;

  const set = (field: keyof typeof EMPTY) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    if (field === 'current') setWrongCurrent(false);
  };

  const change = async () => {
    setPending(true);
    setOutcome(null);
    try {
      const { error } = await authClient.changePassword({ currentPassword: values.current, newPassword: values.next, revokeOtherSessions: true });
      if (!error) {
        setValues(EMPTY);
        setOutcome({ tone: 'notice', message: 'Your password was changed, and your other browsers were signed out.' });
      } else if (error.code === 'INVALID_PASSWORD') {
        setWrongCurrent(true);
      } else {
        setOutcome({ tone: 'error', message: describeAuthFailure({ status: error.status, code: error.code, message: error.message }) });
      }
    } catch {
      setOutcome({ tone: 'error', message: describeAuthFailure({ status: 0 }) });
    }
    setPending(false);
  };

  return (
    <section aria-labelledby="password-heading" className="space-y-3">
      <h2 id="password-heading" className="text-lg font-semibold">
        Password
      </h2>
      <form
        aria-labelledby="password-heading"
        className={`${cardStyles} max-w-md space-y-4`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!mismatch) void change();
        }}
      >
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={values.current}
          onChange={set('current')}
          error={wrongCurrent ? 'That is not your current password.' : null}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          hint={`At least ${MIN_PASSWORD} characters.`}
          value={values.next}
          onChange={set('next')}
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          required
          value={values.confirmation}
          onChange={set('confirmation')}
          error={mismatch ? 'The two new passwords differ.' : null}
        />
        {outcome && <FormAlert tone={outcome.tone}>{outcome.message}</FormAlert>}
        <button type="submit" className={buttonStyles.primary} disabled={pending || mismatch}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
