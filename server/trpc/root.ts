import { createCallerFactory, createTRPCRouter } from './init';
import { adminRouter } from './routers/admin';
import { chatRouter } from './routers/chat';
import { documentsRouter } from './routers/documents';
import { healthRouter } from './routers/health';
import { sessionsRouter } from './routers/sessions';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  sessions: sessionsRouter,
  documents: documentsRouter,
  chat: chatRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
