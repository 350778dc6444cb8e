import { z } from 'zod';
import { setVaultChunking } from '@/db/queries/vaults';
import type { UserCaller } from '@/server/auth/caller';
import type { Config } from '@/server/config';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { requireVault } from './vaults';

// The bounds CHUNK_SIZE and CHUNK_OVERLAP accept (server/config.ts).
const CHUNK_SIZE_BOUNDS = { min: 32, max: 8192 } as const;
const CHUNK_OVERLAP_MAX = 4096;

/** A vault's chunking: both numbers, or null for both to follow the configuration. */
export const chunkingInput = z
  .object({
    chunkSize: z
      .number()
      .int('must be a whole number')
      .min(CHUNK_SIZE_BOUNDS.min, `must be at least ${CHUNK_SIZE_BOUNDS.min} tokens`)
      .max(CHUNK_SIZE_BOUNDS.max, `must be at most ${CHUNK_SIZE_BOUNDS.max} tokens`)
      .nullable(),
    chunkOverlap: z.number().int('must be a whole number').min(0, 'must not be negative').max(CHUNK_OVERLAP_MAX, `must be at most ${CHUNK_OVERLAP_MAX} tokens`).nullable(),
  })
  .strict();

export interface VaultChunking {
  chunkSize: number | null;
  chunkOverlap: number | null;
}

/** What a vault's documents are chunked with: its own numbers where set, else the configuration's. */
export function effectiveChunking(config: Pick<Config, 'chunkSize' | 'chunkOverlap'>, vault: VaultChunking): { chunkSize: number; chunkOverlap: number } {
  const chunkSize = vault.chunkSize ?? config.chunkSize;
  const chunkOverlap = vault.chunkOverlap ?? config.chunkOverlap;
  // A vault's own size below the configured overlap: the overlap follows it down rather than making chunking impossible.
  return { chunkSize, chunkOverlap: chunkOverlap < chunkSize ? chunkOverlap : Math.floor(chunkSize / 4) };
}

/**
 * Sets how the vault's documents are chunked from their next (re-)ingestion on; only its owner may, like sharing.
 * The overlap must stay below the size, whichever of them comes from the configuration.
 */
export async function setChunking(deps: Pick<Services, 'db' | 'config'>, caller: UserCaller, vaultId: string, input: VaultChunking) {
  const vault = await requireVault(deps, caller, vaultId);
  if (vault.access !== 'own') throw new AppError('FORBIDDEN', 'Only the owner of a vault can change how its documents are chunked.');
  const size = input.chunkSize ?? deps.config.chunkSize;
  const overlap = input.chunkOverlap ?? deps.config.chunkOverlap;
  if (overlap >= size) {
    throw new AppError('VALIDATION_ERROR', `The overlap (${overlap} tokens) must be smaller than the chunk size (${size} tokens).`, [
      { field: 'chunkOverlap', message: `must be smaller than the chunk size (${size})` },
    ]);
  }
  await setVaultChunking(deps.db, caller.userId, vaultId, input);
  return requireVault(deps, caller, vaultId);
}
