import type { UserCaller } from '@/server/auth/caller';

/**
 * Who the benchmarks ingest and search as. Their corpora live in the install's default vault, which everyone may
 * read and write, so this caller needs no account row: it sees exactly what any signed-in person would.
 */
export const BENCH_CALLER: UserCaller = {
  kind: 'user',
  userId: 'benchmark',
  name: 'Benchmark',
  email: 'benchmark@docent.invalid',
  role: 'member',
  via: 'session',
  scopes: 'all',
};
