'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/react';
import { DataTable } from '@/app/_components/data-table';
import { buttonStyles } from '@/app/_components/styles';
import { NewPersonForm } from './new-person-form';
import { PersonRow } from './person-row';
import { LoadingBlocks, QueryProblem } from './query-problem';

const COLUMNS = [{ label: 'Name' }, { label: 'Email' }, { label: 'Role' }, { label: 'Status' }, { label: 'Actions', srOnly: true }];

/** Everyone with an account, and a form to add someone: nobody signs up by themselves. */
export function PeopleSection({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const people = useQuery(trpc.users.list.queryOptions());
  const [adding, setAdding] = useState(false);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">People</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Everyone who can sign in to this Docent. Administrators also see this page and the dashboard.
          </p>
        </div>
        {!adding && (
          <button type="button" className={buttonStyles.primary} onClick={() => setAdding(true)}>
            Add a person
          </button>
        )}
      </div>

      {adding && <NewPersonForm onClose={() => setAdding(false)} />}

      {people.error && <QueryProblem what="the people" query={people} stale={Boolean(people.data)} />}
      {people.isPending ? (
        <LoadingBlocks label="Loading the people…" count={1} className="h-32" />
      ) : people.data ? (
        <DataTable caption="People, by name" testId="people" columns={COLUMNS}>
          {people.data.map((person) => (
            <PersonRow key={person.id} person={person} isYou={person.id === currentUserId} />
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
