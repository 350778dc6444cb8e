import { z } from 'zod';

/** Field rules shared by the REST API (snake_case) and tRPC (camelCase); the server's own ceilings are checked later. */
export const webUrl = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
export const crawlDepth = z.number().int('must be a whole number').min(0, 'must be at least 0').max(10, 'must be at most 10');
export const crawlPages = z.number().int('must be a whole number').min(1, 'must be at least 1').max(5000, 'must be at most 5000');
/** Hours between scheduled fetches of one page; null: the server's URL_REFRESH_HOURS; 0: only on demand. */
export const refreshHours = z.number().min(0, 'must be at least 0').max(24 * 365, 'must be at most a year').nullable();
