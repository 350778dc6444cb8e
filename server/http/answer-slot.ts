import { AppError } from '@/server/errors';
import { answerSlots } from '@/server/limits/limits';

// Long enough for a few answers to finish; a client that retries at once would only be refused again.
const RETRY_AFTER_SECONDS = 5;

/** The answer's body, giving the slot back once it is sent, fails or is abandoned by the client. */
function releasedWhenSent(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Runs a chat endpoint in one of the process's answer slots, or refuses it with 503 and Retry-After when all are taken. */
export async function withAnswerSlot(answer: () => Promise<Response>): Promise<Response> {
  const release = answerSlots().take();
  if (!release) {
    throw new AppError('SERVER_BUSY', 'Docent is answering as many questions as it can right now. Ask again in a few seconds.', null, {
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    });
  }
  try {
    return releasedWhenSent(await answer(), release);
  } catch (error) {
    release();
    throw error;
  }
}
