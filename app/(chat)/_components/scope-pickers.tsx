'use client';

import { useId } from 'react';
import { FilterPickers } from './filter-pickers';
import type { AgentOption, ChatSelection, VaultOption } from './types';

const selectStyles =
  'h-7 max-w-44 truncate rounded-full border border-zinc-200 bg-zinc-50 py-0 pr-7 pl-2.5 text-xs font-medium text-zinc-700 transition-colors hover:border-zinc-300 focus:border-zinc-500 focus:outline-2 focus:outline-offset-0 focus:outline-zinc-500/40 disabled:cursor-not-allowed disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:border-zinc-600';

const documentCount = (n: number) => (n === 1 ? '1 document' : `${n.toLocaleString('en')} documents`);

/**
 * What the question is asked against: a vault (or all of them) and optionally an agent. An agent bound to a
 * vault sets and locks the vault, since its instructions were written for those documents. Tag and type narrow it further.
 */
export function ScopePickers({
  selection,
  onChange,
  vaults,
  agents,
  failed,
}: {
  selection: ChatSelection;
  onChange: (selection: ChatSelection) => void;
  vaults: VaultOption[] | undefined;
  agents: AgentOption[] | undefined;
  /** A list could not be loaded (it is tried again): say so instead of "Loading…". */
  failed: { vaults: boolean; agents: boolean };
}) {
  const agentId = useId();
  const vaultId = useId();
  const agent = agents?.find((candidate) => candidate.id === selection.agentId);
  const lockedBy = agent?.vaultId ? agent : undefined;
  const vaultValue = lockedBy?.vaultId ?? selection.vaultId ?? '';

  return (
    <>
      <div className="flex items-center gap-1.5">
        <label htmlFor={agentId} className="text-xs text-zinc-500 max-sm:sr-only dark:text-zinc-400">
          Agent
        </label>
        <select
          id={agentId}
          value={selection.agentId ?? ''}
          disabled={!agents}
          onChange={(event) => {
            const next = agents?.find((candidate) => candidate.id === event.target.value);
            onChange({ ...selection, agentId: next?.id ?? null, vaultId: next?.vaultId ?? selection.vaultId });
          }}
          className={selectStyles}
        >
          <option value="">{agents ? 'No agent' : failed.agents ? 'Agents unavailable, retrying…' : 'Loading…'}</option>
          {agents?.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
          {selection.agentId && agents && !agent && <option value={selection.agentId}>(deleted agent)</option>}
        </select>
      </div>
      <div className="flex items-center gap-1.5">
        <label htmlFor={vaultId} className="text-xs text-zinc-500 max-sm:sr-only dark:text-zinc-400">
          Vault
        </label>
        <select
          id={vaultId}
          value={vaultValue}
          disabled={!vaults || Boolean(lockedBy)}
          title={lockedBy ? `Set by the agent ${lockedBy.name}` : undefined}
          aria-describedby={lockedBy ? `${vaultId}-locked` : undefined}
          onChange={(event) => onChange({ ...selection, vaultId: event.target.value || null })}
          className={selectStyles}
        >
          <option value="">
            {vaults ? `All vaults (${documentCount(vaults.reduce((sum, vault) => sum + vault.documentCount, 0))})` : failed.vaults ? 'Vaults unavailable, retrying…' : 'Loading…'}
          </option>
          {vaults?.map((vault) => (
            <option key={vault.id} value={vault.id}>
              {/* Shared vaults carry their owner's name: two people may both have a "Notes". */}
              {vault.access === 'own' ? vault.name : `${vault.name} · ${vault.ownerName ?? 'no owner'}`} ({documentCount(vault.documentCount)})
            </option>
          ))}
          {vaultValue && vaults && !vaults.some((vault) => vault.id === vaultValue) && (
            <option value={vaultValue}>{lockedBy?.vaultName ?? '(deleted vault)'}</option>
          )}
        </select>
        {lockedBy && (
          <span id={`${vaultId}-locked`} className="text-xs text-zinc-500 max-sm:sr-only dark:text-zinc-400">
            <span className="sr-only">The vault is </span>set by {lockedBy.name}
          </span>
        )}
      </div>
      <FilterPickers selection={selection} onChange={onChange} className={selectStyles} />
    </>
  );
}
