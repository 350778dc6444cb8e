import { z } from 'zod';

/** Field rules shared by the original HTTP API (snake_case) and tRPC (camelCase). */
export const documentText = z.string().refine((text) => text.trim().length > 0, 'must not be empty');
export const documentTitle = z.string().trim().max(300, 'must be at most 300 characters').nullish();
export const documentSource = z.string().trim().max(2000, 'must be at most 2000 characters').nullish();
export const documentMetadata = z.record(z.string(), z.unknown()).nullish();
export const id = z.string().uuid('must be a UUID');
export const vaultName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const vaultDescription = z.string().trim().max(500, 'must be at most 500 characters').nullish();
