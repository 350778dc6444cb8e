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

  it('answers through generateText with the relevant sentences in the order the passage has them', async () => {
    const { text, finishReason } = await generateText({
      model: createExtractiveAnswerer(),
      system: system(SOURCES),
      prompt: 'In which climates do bananas grow?',
    });
    expect(text).toBe('Bananas are rich in potassium. They grow in tropical climates. [2]');
    expect(finishReason).toBe('stop');
  });

  it('quotes a sentence whole when it holds an abbreviation', async () => {
    const { text } = await generateText({
      model: createExtractiveAnswerer(),
      system: system([{ n: 1, title: 'Station history', content: 'The station opened in 1931. Its chief engineer was Dr. Hanna Vottel. Trains ran hourly.' }]),
      prompt: 'Who was the chief engineer?',
    });
    expect(text).toBe('Its chief engineer was Dr. Hanna Vottel. [1]');
  });

  it.each([
    ['versions and URLs', 'Install v2.5.1 from https://example.com/dl/v2.5.1/setup.exe today. The old installer is gone.', 'Where do I get v2.5.1?', 'Install v2.5.1 from https://example.com/dl/v2.5.1/setup.exe today. [1]'],
    ['decimals and e.g.', 'Set the ratio to 3.14, e.g. in config.yaml, before starting. Nothing else is needed.', 'What ratio should I set?', 'Set the ratio to 3.14, e.g. in config.yaml, before starting. [1]'],
    ['U.S. and hard-wrapped lines', 'Orders ship from the U.S. warehouse\nwithin two days. Returns take longer.', 'Where do orders ship from?', 'Orders ship from the U.S. warehouse within two days. [1]'],
    ['list items', 'To reset the router:\n1. Hold the reset button.\n2. Wait ten seconds.', 'Which button resets the router?', 'To reset the router: Hold the reset button. [1]'],
  ])('keeps %s inside whole sentences', async (_, content, prompt, expected) => {
    const { text } = await generateText({ model: createExtractiveAnswerer(), system: system([{ n: 1, title: 'Manual', content }]), prompt });
    expect(text).toBe(expected);
  });

  it('cites only the passages it quotes, the one with the best sentence first', async () => {
    const { text } = await generateText({
      model: createExtractiveAnswerer(),
      system: system([
        { n: 1, title: 'Ferry', content: 'The ferry leaves at dawn.' },
        { n: 2, title: 'Canteen', content: 'Lunch is served at noon.' },
        { n: 3, title: 'Tickets', content: 'Ferry tickets for the dawn crossing are sold on board.' },
      ]),
      prompt: 'When does the dawn ferry leave, and where are ferry tickets sold?',
    });
    expect(text).toBe('Ferry tickets for the dawn crossing are sold on board. [3] The ferry leaves at dawn. [1]');
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
    expect(text).toBe('The XK-2041 router');
    expect(finishReason).toBe('length');
    expect(usage.outputTokens).toBe(3);
  });
});
