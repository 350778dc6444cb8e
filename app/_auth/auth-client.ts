import { createAuthClient } from 'better-auth/react';

/**
 * better-auth's browser client for its endpoints under /api/auth (sign-in, sign-out, password, single sign-on);
 * Docent's own account features (API keys, people, sharing) go through tRPC.
 */
export const authClient = createAuthClient({ basePath: '/api/auth' });
