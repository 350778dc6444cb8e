import { z } from 'zod';

/**
 * The lines of `GET /api/feedback/export` (README "Feedback"), read back as evaluation cases: a thumbs-up names the
 * documents a question should retrieve, a thumbs-down the passages it should not rank first.
 */
const source = z.object({ document_id: z.string(), title: z.string(), chunk_id: z.string() });
const feedbackCase = z.object({
  question: z.string().min(1),
  verdict: z.enum(['up', 'down']),
  expected_sources: z.array(source),
  rejected_sources: z.array(source),
  message_id: z.string(),
  asked_by: z.string(),
  vault_id: z.string().nullable(),
});
export type FeedbackCase = z.infer<typeof feedbackCase>;

/** Every line parsed; a line that is not a case names its number, so a hand-edited export is easy to fix. */
export function parseFeedbackExport(jsonl: string): FeedbackCase[] {
  return jsonl.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} of the feedback export is not JSON`);
    }
    const parsed = feedbackCase.safeParse(json);
    if (!parsed.success) throw new Error(`line ${i + 1} of the feedback export is not a case: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return [parsed.data];
  });
}
