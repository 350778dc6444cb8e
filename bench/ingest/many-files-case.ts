import type { IngestCase } from './case';

const FILES = 2_000;

/**
 * A folder of 2,000 small notes (the size of a team's exported wiki), each its own document: the queue, the
 * per-document transaction and the progress writes, 2,000 times, while chat is asked.
 */
const manyFiles: IngestCase = {
  key: 'many-files',
  label: `a folder of ${FILES.toLocaleString('en')} notes`,
  unit: 'files',
  async documents() {
    const files = Array.from({ length: FILES }, (_, i) => ({
      filename: `wiki/page-${i + 1}.md`,
      content: new TextEncoder().encode(
        `# Wiki page ${i + 1}\n\nThe ${['harbour', 'ferry', 'lighthouse', 'quay'][i % 4]} procedure number ${i + 1} was reviewed on day ${(i % 28) + 1}. ` +
          'Keep the log signed, the lamp trimmed and the ropes coiled before the evening tide.\n',
      ),
    }));
    return { files, units: FILES };
  },
};

export default manyFiles;
