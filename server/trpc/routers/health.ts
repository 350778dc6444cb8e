import { checkHealth } from '@/server/health';
import { baseProcedure, createTRPCRouter } from '../init';

export const healthRouter = createTRPCRouter({
  get: baseProcedure.query(() => checkHealth()),
});
