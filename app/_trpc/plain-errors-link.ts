import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AnyTRPCRouter } from '@trpc/server';
import { plainErrorMessage } from '@/app/_components/plain-error';

/**
 * Rewrites every failed call's message in plain words (app/_components/plain-error.ts) before any page sees it,
 * so the dozens of places that show `error.message` never show "internal" or "Missing result". The error's
 * `data` (code, field problems) is kept for pages that branch on it.
 */
export function plainErrorsLink<TRouter extends AnyTRPCRouter>(): TRPCLink<TRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            error.message = plainErrorMessage(error);
            observer.error(error);
          },
        }),
      );
}
