'use client';

import { useState } from 'react';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles } from '@/app/_components/styles';
import { TextField } from '@/app/_components/text-field';
import { describeAuthFailure } from '@/app/_auth/auth-problem';

const MIN_PASSWORD = 10;

type Field = 'name' | 'email' | 'password';
interface SetupAnswer {
  error?: string;
  code?: string;
  detail?: Array<{ field: string; message: string }> | null;
}

/** The first visitor of a new install creates the owner's account (POST /api/setup), which also signs them in. */
export function SetupForm({ next }: { next: string }) {
  const [values, setValues] = useState({ name: '', email: '', password: '', confirmation: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<{ message: string; ownerExists: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const mismatch = values.confirmation !== '' && values.confirmation !== values.password;

  const set = (field: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const create = async () => {
    setPending(true);
    setProblem(null);
    setFieldErrors({});
    try {
      const response = await fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: values.name.trim(), email: values.email.trim(), password: values.password }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      const answer = (await response.json().catch(() => ({}))) as SetupAnswer;
      const fields = Object.fromEntries((answer.detail ?? []).map((p) => [p.field, `The ${p.field} ${p.message}.`]));
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0) {
        setProblem({
          message: describeAuthFailure({ status: response.status, code: answer.code, message: answer.error }),
          ownerExists: response.status === 403,
        });
      }
    } catch {
      setProblem({ message: describeAuthFailure({ status: 0 }), ownerExists: false });
    }
    setPending(false);
  };

  return (
    <form
      aria-label="Create the owner account"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!mismatch) void create();
      }}
    >
      <TextField label="Your name" autoComplete="name" required autoFocus maxLength={100} value={values.name} onChange={set('name')} error={fieldErrors.name} />
      <TextField label="Email" type="email" autoComplete="email" required value={values.email} onChange={set('email')} error={fieldErrors.email} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        hint={`At least ${MIN_PASSWORD} characters.`}
        value={values.password}
        onChange={set('password')}
        error={fieldErrors.password}
      />
      <TextField
        label="Password again"
        type="password"
        autoComplete="new-password"
        required
        value={values.confirmation}
        onChange={set('confirmation')}
        error={mismatch ? 'The two passwords differ.' : null}
      />
      {problem && (
        <FormAlert testId="setup-problem">
          {problem.message}{' '}
          {problem.ownerExists && (
            // A full load: the page then offers the sign-in form.
            <a href={`/sign-in?next=${encodeURIComponent(next)}`} className="font-medium underline underline-offset-2">
              Sign in
            </a>
          )}
        </FormAlert>
      )}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={pending || mismatch}>
        {pending ? 'Creating the account…' : 'Create the owner account'}
      </button>
    </form>
  );
}
