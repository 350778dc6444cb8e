import { createCallerFactory, createTRPCRouter } from './init';
import { accountRouter } from './routers/account';
import { adminRouter } from './routers/admin';
import { agentsRouter } from './routers/agents';
import { chatRouter } from './routers/chat';
import { documentViewerRouter } from './routers/document-viewer';
import { documentsRouter } from './routers/documents';
import { embeddingsRouter } from './routers/embeddings';
import { healthRouter } from './routers/health';
import { messagesRouter } from './routers/messages';
import { sessionsRouter } from './routers/sessions';
import { usersRouter } from './routers/users';
import { vaultsRouter } from './routers/vaults';
import { webPagesRouter } from './routers/web-pages';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  sessions: sessionsRouter,
  documents: documentsRouter,
  documentViewer: documentViewerRouter,
  vaults: vaultsRouter,
  chat: chatRouter,
  agents: agentsRouter,
  admin: adminRouter,
  account: accountRouter,
  users: usersRouter,
  embeddings: embeddingsRouter,
  messages: messagesRouter,
  webPages: webPagesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
