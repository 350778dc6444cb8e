'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles, cardStyles, inputStyles } from '@/app/_components/styles';
import { TextField } from '@/app/_components/text-field';

const MIN_PASSWORD = 10;
const EMPTY = { name: '', email: '', password: '', role: 'member' as 'member' | 'admin' };

/**
 * An account for someone, with a first password the administrator hands over; they change it in Settings.
 * Stays open after creating, with a note of what to tell them, so several people can be added in a row.
 */
export function NewPersonForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roleId = useId();
  const [values, setValues] = useState(EMPTY);
  const [created, setCreated] = useState<{ name: string; email: string } | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (person) => {
        setCreated({ name: person.name, email: person.email });
        setValues(EMPTY);
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const problems = Object.fromEntries((create.error?.data?.problems ?? []).map((p) => [p.field, `The ${p.field} ${p.message}.`]));
  const set = (field: 'name' | 'email' | 'password') => (event: React.ChangeEvent<HTMLInputElement>) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setCreated(null);
  };

  return (
    <form
      aria-label="New person"
      className={`${cardStyles} space-y-4`}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name: values.name.trim(), email: values.email.trim(), password: values.password, role: values.role });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required maxLength={100} autoFocus value={values.name} onChange={set('name')} error={problems.name} />
        <TextField label="Email" type="email" required value={values.email} onChange={set('email')} error={problems.email} />
        <TextField
          label="First password"
          type="text"
          autoComplete="off"
          required
          minLength={MIN_PASSWORD}
          hint={`At least ${MIN_PASSWORD} characters. Give it to them yourself; they can change it in Settings.`}
          value={values.password}
          onChange={set('password')}
          error={problems.password}
        />
        <div className="space-y-1">
          <label htmlFor={roleId} className="block text-sm font-medium">
            Role
          </label>
          <select
            id={roleId}
            value={values.role}
            onChange={(event) => setValues((current) => ({ ...current, role: event.target.value === 'admin' ? 'admin' : 'member' }))}
            className={`${inputStyles} w-full`}
          >
            <option value="member">Member: uses Docent</option>
            <option value="admin">Administrator: also manages people and the dashboard</option>
          </select>
        </div>
      </div>
      {create.isError && Object.keys(problems).length === 0 && <FormAlert>{create.error.message}</FormAlert>}
      {created && (
        <FormAlert tone="notice" testId="person-created">
          {created.name} can now sign in as {created.email} with the first password you chose.
        </FormAlert>
      )}
      <div className="flex gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create account'}
        </button>
        <button type="button" className={buttonStyles.quiet} onClick={onClose}>
          {created ? 'Done' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
