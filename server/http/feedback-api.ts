import { feedbackExport } from '@/server/feedback/feedback';
import { getServices } from '@/server/services';
import type { RouteHandler } from './route-table';

/**
 * GET /api/feedback/export: every vote on an answer as an evaluation case, one JSON object per line (JSONL), for
 * administrators (or ADMIN_TOKEN). The shape is README "Feedback"; `bench/eval` can read it as a question set.
 */
export const getFeedbackExport: RouteHandler = async () => {
  const services = await getServices();
  const cases = await feedbackExport(services);
  const body = cases.map((line) => JSON.stringify(line)).join('\n');
  return new Response(body ? `${body}\n` : '', {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': 'attachment; filename="docent-feedback.jsonl"',
      'cache-control': 'no-store',
    },
  });
};
