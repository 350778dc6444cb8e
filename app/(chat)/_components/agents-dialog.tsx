'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { useTRPC } from '@/app/_trpc/react';
import { CloseIcon, PencilIcon, PlusIcon, TrashIcon } from './icons';
import { buttonStyles, iconButton, inputStyles } from '@/app/_components/styles';
import type { AgentOption } from './types';

/** Agents: named instructions, optionally bound to a vault. Listed, created, edited and deleted in one dialog. */
export function AgentsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId} testId="agents-dialog">
      <AgentsManager titleId={titleId} onClose={onClose} />
    </Dialog>
  );
}

function AgentsManager({ titleId, onClose }: { titleId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions());
  const [editing, setEditing] = useState<AgentOption | 'new' | null>(null);

  return (
    <div className="flex max-h-[85dvh] flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <div>
          <h2 id={titleId} className="text-lg font-semibold">
            {editing === 'new' ? 'New agent' : editing ? `Edit ${editing.name}` : 'Agents'}
          </h2>
          {!editing && (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Instructions Docent follows, optionally tied to one vault.</p>
          )}
        </div>
        <button type="button" className={iconButton} onClick={onClose}>
          <CloseIcon />
          <span className="sr-only">Close</span>
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
        {editing ? (
          <AgentForm agent={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : agents.isPending ? (
          <p role="status" className="text-sm text-zinc-500">
            Loading agents…
          </p>
        ) : agents.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Couldn&rsquo;t load the agents: {agents.error.message}{' '}
            <button type="button" className="underline underline-offset-2" onClick={() => void agents.refetch()}>
              Retry
            </button>
          </p>
        ) : (
          <div className="space-y-3">
            {agents.data.length === 0 ? (
              <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
                No agents yet. An agent answers with its own instructions, for example &ldquo;Answer as a support
                engineer, in short steps&rdquo;.
              </p>
            ) : (
              <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
                {agents.data.map((agent) => (
                  <AgentRow key={agent.id} agent={agent} onEdit={() => setEditing(agent)} />
                ))}
              </ul>
            )}
            <button type="button" className={buttonStyles.primary} onClick={() => setEditing('new')}>
              <PlusIcon />
              New agent
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

function AgentRow({ agent, onEdit }: { agent: AgentOption; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const remove = useMutation(
    trpc.agents.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.agents.list.queryFilter()),
    }),
  );

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  return (
    <li data-testid="agent-row" className="flex flex-wrap items-start gap-3 p-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium">{agent.name}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {agent.vaultName ? `Vault: ${agent.vaultName}` : 'All vaults'}
          {agent.description ? ` · ${agent.description}` : ''}
        </p>
        {remove.isError && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {remove.error.message}
          </p>
        )}
      </div>
      {confirming ? (
        <div role="group" aria-label={`Confirm deleting ${agent.name}`} className="flex items-center gap-2">
          <span className="text-sm">Delete?</span>
          <button
            type="button"
            className={buttonStyles.danger}
            disabled={remove.isPending}
            onClick={() => remove.mutate({ id: agent.id })}
          >
            {remove.isPending ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button ref={cancelRef} type="button" className={buttonStyles.secondary} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="flex items-center gap-1">
          <button type="button" className={iconButton} onClick={onEdit}>
            <PencilIcon />
            <span className="sr-only">Edit {agent.name}</span>
          </button>
          <button type="button" className={`${iconButton} hover:text-red-700`} onClick={() => setConfirming(true)}>
            <TrashIcon />
            <span className="sr-only">Delete {agent.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}

function AgentForm({ agent, onDone }: { agent: AgentOption | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const vaults = useQuery(trpc.vaults.list.queryOptions());
  const id = useId();
  const [name, setName] = useState(agent?.name ?? '');
  const [description, setDescription] = useState(agent?.description ?? '');
  const [systemPrompt, setSystemPrompt] = useState(agent?.systemPrompt ?? '');
  const [vaultId, setVaultId] = useState(agent?.vaultId ?? '');
  const done = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.agents.list.queryFilter());
      onDone();
    },
  };
  const create = useMutation(trpc.agents.create.mutationOptions(done));
  const update = useMutation(trpc.agents.update.mutationOptions(done));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  return (
    <form
      aria-label={agent ? `Edit ${agent.name}` : 'New agent'}
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const input = {
          name: name.trim(),
          description: description.trim() || null,
          systemPrompt: systemPrompt.trim(),
          vaultId: vaultId || null,
        };
        if (agent) update.mutate({ id: agent.id, ...input });
        else create.mutate(input);
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          Name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          required
          maxLength={100}
          autoFocus
          onChange={(event) => setName(event.target.value)}
          className={`${inputStyles} w-full`}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-description`} className="text-sm font-medium">
          Description <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          value={description}
          maxLength={500}
          onChange={(event) => setDescription(event.target.value)}
          className={`${inputStyles} w-full`}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-vault`} className="text-sm font-medium">
          Vault
        </label>
        <select
          id={`${id}-vault`}
          value={vaultId}
          onChange={(event) => setVaultId(event.target.value)}
          className={`${inputStyles} w-full`}
        >
          <option value="">All vaults (the user chooses)</option>
          {vaults.data?.map((vault) => (
            <option key={vault.id} value={vault.id}>
              {vault.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-prompt`} className="text-sm font-medium">
          Instructions
        </label>
        <textarea
          id={`${id}-prompt`}
          value={systemPrompt}
          required
          rows={6}
          maxLength={20_000}
          onChange={(event) => setSystemPrompt(event.target.value)}
          placeholder="e.g. You are a support engineer. Answer in short numbered steps."
          className={`${inputStyles} w-full resize-y`}
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onDone} disabled={saving}>
          Cancel
        </button>
        <button type="submit" className={buttonStyles.primary} disabled={saving || !name.trim() || !systemPrompt.trim()}>
          {saving ? 'Saving…' : agent ? 'Save changes' : 'Create agent'}
        </button>
      </div>
    </form>
  );
}
