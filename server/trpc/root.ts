import { createCallerFactory, createTRPCRouter } from './init';
import { adminRouter } from './routers/admin';
import { agentsRouter } from './routers/agents';
import { chatRouter } from './routers/chat';
import { documentsRouter } from './routers/documents';
import { healthRouter } from './routers/health';
import { sessionsRouter } from './routers/sessions';
import { vaultsRouter } from './routers/vaults';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  sessions: sessionsRouter,
  documents: documentsRouter,
  vaults: vaultsRouter,
  chat: chatRouter,
  agents: agentsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
