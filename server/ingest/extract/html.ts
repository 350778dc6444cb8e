import { compile, type DomNode, type FormatCallback, type SelectorDefinition } from 'html-to-text';
import { normalizeWhitespace } from './normalize';
import { decodeText, firstHeading } from './text';
import type { ExtractedContent } from './types';

/** Headings become Markdown `#` lines so the chunker can start chunks at section boundaries. */
const markdownHeading: FormatCallback = (elem, walk, builder, formatOptions) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(`${'#'.repeat(Number(formatOptions.level))} `);
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** One line per row with cells joined by ` | `: column alignment with spaces would only waste tokens. */
const pipeTable: FormatCallback = (elem, walk, builder) => {
  builder.openTable();
  walkTableChildren(elem.children);
  builder.closeTable({
    tableToString: (rows) =>
      rows
        .map((cells) => cells.map((cell) => cell.text.replace(/\s+/g, ' ').trim()).join(' | '))
        .filter((row) => row.replace(/[ |]/g, '') !== '')
        .join('\n'),
  });

  function walkTableChildren(nodes: DomNode[]): void {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      if (node.name === 'tr') {
        builder.openTableRow();
        for (const cell of node.children) {
          if (cell.type !== 'tag' || (cell.name !== 'td' && cell.name !== 'th')) continue;
          builder.openTableCell();
          walk(cell.children, builder);
          builder.closeTableCell();
        }
        builder.closeTableRow();
      } else if (node.name === 'thead' || node.name === 'tbody' || node.name === 'tfoot') {
        walkTableChildren(node.children);
      }
    }
  }
};

const NOT_CONTENT = ['head', 'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'img'];

const selectors: SelectorDefinition[] = [
  ...NOT_CONTENT.map((selector) => ({ selector, format: 'skip' })),
  ...[1, 2, 3, 4, 5, 6].map((level) => ({ selector: `h${level}`, format: 'markdownHeading', options: { level } })),
  { selector: 'a', options: { ignoreHref: true } },
  { selector: 'ul', options: { itemPrefix: '- ' } },
  { selector: 'table', format: 'pipeTable' },
  { selector: 'hr', format: 'blockString', options: { string: '' } },
];

const convert = compile({
  wordwrap: false,
  // The default silently truncates inputs over 16 MB; upload size is limited elsewhere.
  limits: { maxInputLength: 0 },
  formatters: { markdownHeading, pipeTable },
  selectors,
});

/** Readable text of an HTML document: one line per block element, entities decoded, markup gone. */
export function htmlToText(html: string): string {
  return normalizeWhitespace(convert(html));
}

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

function documentTitle(html: string): string | null {
  const raw = TITLE.exec(html)?.[1];
  const title = raw === undefined ? '' : htmlToText(`<p>${raw}</p>`).replace(/\s+/g, ' ');
  return title || null;
}

export function extractHtml(bytes: Uint8Array): ExtractedContent {
  const html = decodeText(bytes);
  const text = htmlToText(html);
  return { text, title: documentTitle(html) ?? firstHeading(text) };
}
