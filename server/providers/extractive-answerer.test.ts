import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { formatSources, type PromptSource } from '../rag/sources-format';
import { EXTRACTIVE_MODEL_ID, NO_ANSWER_TEXT, createExtractiveAnswerer } from './extractive-answerer';

const INSTRUCTIONS = 'Answer only from the sources below and cite them as [n].';

const SOURCES: PromptSource[] = [
  {
    n: 1,
    title: 'Router manual',
    content:
      'The XK-2041 router ships with firmware 3.2. The XK-2041 includes a three-year warranty covering parts and labour. ' +
      'Mesh networking is enabled from the admin panel.',
  },
  { n: 2, title: 'Banana facts', content: 'Bananas are rich in potassium. They grow in tropical climates.' },
  { n: 3, title: 'Returns policy', content: 'Unopened products can be returned within 30 days for a refund.' },
];

const system = (sources: PromptSource[]) => `${INSTRUCTIONS}\n\n${formatSources(sources)}`;

describe('extractive answerer', () => {
  it('streams a cited answer through streamText', async () => {
    const result = streamText({
      model: createExtractiveAnswerer(),
      system: system(SOURCES),
      messages: [
        { role: 'user', content: 'Do you sell routers?' },
        { role: 'assistant', content: 'Yes, see the router manual.' },
        { role: 'user', content: 'What warranty does the XK-2041 have?' },
      ],
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    const text = deltas.join('');

    expect(deltas.length).toBeGreaterThan(1);
    expect(text).toContain('The XK-2041 includes a three-year warranty covering parts and labour. [1]');
    expect(text).not.toMatch(/\[2\]/);
    expect(text).not.toMatch(/\[3\]/);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.inputTokens).toBeGreaterThan(50);
    expect(usage.outputTokens).toBe(text.split(/\s+/).length);
    expect((await result.response).modelId).toBe(EXTRACTIVE_MODEL_ID);
  });

  it('answers through generateText with the best sentence first', async () => {
    const { text, finishReason } = await generateText({
      model: createExtractiveAnswerer(),
      system: system(SOURCES),
      prompt: 'In which climates do bananas grow?',
    });
    expect(text.startsWith('They grow in tropical climates. [2]')).toBe(true);
    expect(text).not.toMatch(/\[1\]|\[3\]/);
    expect(finishReason).toBe('stop');
  });

  it('cites the source number given in the prompt, not the position', async () => {
    const { text } = await generateText({
      model: createExtractiveAnswerer(),
      system: system([{ n: 7, title: 'Returns', content: SOURCES[2]!.content }]),
      prompt: 'How many days do I have to return a product?',
    });
    expect(text).toBe('Unopened products can be returned within 30 days for a refund. [7]');
  });

  it('limits the answer to maxSentences and skips duplicated sentences from overlapping chunks', async () => {
    const overlapping = [SOURCES[0]!, { ...SOURCES[0]!, n: 2 }];
    const { text } = await generateText({
      model: createExtractiveAnswerer({ maxSentences: 1 }),
      system: system(overlapping),
      prompt: 'XK-2041 warranty',
    });
    expect(text).toBe('The XK-2041 includes a three-year warranty covering parts and labour. [1]');
  });

  it('falls back without citations when there are no sources or no overlap', async () => {
    const noSources = await generateText({ model: createExtractiveAnswerer(), system: INSTRUCTIONS, prompt: 'What is the warranty?' });
    expect(noSources.text).toBe(NO_ANSWER_TEXT);

    const noOverlap = streamText({ model: createExtractiveAnswerer(), system: system(SOURCES), prompt: 'Who painted the Mona Lisa?' });
    expect(await noOverlap.text).toBe(NO_ANSWER_TEXT);
    expect(await noOverlap.text).not.toMatch(/\[\d+\]/);
  });

  it('stops streaming when aborted', async () => {
    const controller = new AbortController();
    let aborted = false;
    const result = streamText({
      model: createExtractiveAnswerer({ chunkDelayMs: 10 }),
      system: system(SOURCES),
      prompt: 'Tell me about the XK-2041 router firmware, warranty and mesh networking.',
      abortSignal: controller.signal,
      onAbort: () => {
        aborted = true;
      },
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) {
      parts.push(part.type);
      if (part.type === 'text-delta' && parts.filter((t) => t === 'text-delta').length === 2) controller.abort();
    }
    expect(aborted).toBe(true);
    expect(parts.at(-1)).toBe('abort');
    expect(parts.filter((t) => t === 'text-delta')).toHaveLength(2);
    expect(parts).not.toContain('finish');
  });

  it('reports length when maxOutputTokens truncates the answer', async () => {
    const { text, finishReason, usage } = await generateText({
      model: createExtractiveAnswerer(),
      system: system(SOURCES),
      prompt: 'What warranty does the XK-2041 have?',
      maxOutputTokens: 3,
    });
    expect(text).toBe('The XK-2041 includes');
    expect(finishReason).toBe('length');
    expect(usage.outputTokens).toBe(3);
  });
});
