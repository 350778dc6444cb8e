import { pagedPdf } from '@/test/support/paged-pdf';
import type { IngestCase } from './case';

const PAGES = 500;

/** One 500-page PDF with a text layer (12 lines a page): read page by page in an ingestion thread. */
const bigPdf: IngestCase = {
  key: 'big-pdf',
  label: `one ${PAGES}-page PDF`,
  unit: 'pages',
  async documents() {
    return { files: [{ content: await pagedPdf(PAGES, 12, 'Benchmark manual'), filename: 'benchmark-manual.pdf' }], units: PAGES };
  },
};

export default bigPdf;
