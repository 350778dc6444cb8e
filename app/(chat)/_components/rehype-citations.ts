import type { Element, ElementContent, Root, RootContent, Text } from 'hast';

/** Where a marker never means a citation: code is quoted verbatim, and a link can't hold a button. */
const SKIP = new Set(['code', 'pre', 'a', 'cite']);
const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

function citation(n: number): Element {
  return { type: 'element', tagName: 'cite', properties: { dataCitation: String(n) }, children: [{ type: 'text', value: String(n) }] };
}

/** Splits one text into text and citation elements; markers that name an unknown source stay text. */
function splitText(value: string, known: ReadonlySet<number>): ElementContent[] | null {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(MARKER)) {
    const numbers = (match[1] ?? '').split(',').map((n) => Number(n.trim()));
    if (!numbers.every((n) => known.has(n))) continue;
    const start = match.index ?? 0;
    if (start > last) out.push({ type: 'text', value: value.slice(last, start) });
    for (const n of numbers) out.push(citation(n));
    last = start + match[0].length;
  }
  if (out.length === 0) return null;
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

function transform(node: Root | Element, known: ReadonlySet<number>) {
  const children: RootContent[] = [];
  for (const child of node.children) {
    const previous = children.at(-1);
    // Adjacent text nodes are merged first so a marker split across them is still found.
    if (child.type === 'text' && previous?.type === 'text') {
      (previous as Text).value += child.value;
      continue;
    }
    children.push(child.type === 'text' ? { ...child } : child);
  }
  node.children = children.flatMap((child): RootContent[] => {
    if (child.type === 'text') return splitText(child.value, known) ?? [child];
    if (child.type === 'element' && !SKIP.has(child.tagName)) transform(child, known);
    return [child];
  }) as typeof node.children;
}

/**
 * A rehype plugin turning `[n]` (and `[1, 2]`) in the answer's text into `<cite data-citation="n">` elements,
 * rendered as clickable chips; only numbers of sources the message has are turned.
 */
export function rehypeCitations({ sources }: { sources: ReadonlySet<number> }) {
  return (tree: Root) => {
    if (sources.size > 0) transform(tree, sources);
  };
}
