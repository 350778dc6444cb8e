import Papa from 'papaparse';
import type { DocumentLimits } from './limits';
import { SheetCollector } from './sheets';
import { decodeText } from './text';
import type { ExtractedContent } from './types';

/**
 * A CSV or TSV file as one table: the first row is the header repeated in every chunk. The delimiter (comma,
 * tab, semicolon, pipe) is guessed from the content, as spreadsheet programs do.
 */
export function extractCsv(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const collector = new SheetCollector(limits);
  collector.startSheet(null);
  Papa.parse<string[]>(decodeText(bytes), {
    skipEmptyLines: 'greedy',
    step: ({ data }) => {
      collector.startRow();
      data.forEach((value, column) => collector.cell(column, value));
      collector.endRow();
    },
  });
  return collector.toContent(null);
}
