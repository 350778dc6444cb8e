import { z } from 'zod';

/** An agent's field rules, shared by the original HTTP API (snake_case) and tRPC (camelCase). */
export const agentFields = {
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  description: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
  systemPrompt: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
};
