import { baseProcedure, createTRPCRouter } from '../init';

export const chatRouter = createTRPCRouter({
  /** Which models answer and embed; the UI shows a notice when the offline extractive answerer is active. */
  capabilities: baseProcedure.query(({ ctx }) => ({
    chat: ctx.providers.chat,
    embedding: ctx.providers.embedding,
    offline: ctx.providers.offline,
    defaults: { topK: ctx.config.defaultTopK, temperature: ctx.config.defaultTemperature },
  })),
});
