/**
 * The wire format for retrieved passages inside a system prompt. Both real LLMs
 * (which read it) and the offline extractive answerer (which parses it back)
 * depend on it, so formatSources and parseSources must stay exact inverses.
 */

export interface PromptSource {
  n: number;
  title: string;
  content: string;
  documentId?: string;
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const ATTR_UNESCAPES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>' };

function escapeAttr(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ATTR_ESCAPES[c]!);
}

function unescapeAttr(value: string): string {
  return value.replace(/&(amp|quot|lt|gt);/g, (_, name: string) => ATTR_UNESCAPES[name]!);
}

// Content is left readable for the LLM: only a closing tag (optionally already
// backslashed) gets one extra backslash, "</source" -> "<\/source", which is
// reversible and keeps the real closing tag unique.
function escapeContent(content: string): string {
  return content.replace(/<(\\*)\/(source)/gi, '<\\$1/$2');
}

function unescapeContent(content: string): string {
  return content.replace(/<\\(\\*)\/(source)/gi, '<$1/$2');
}

export function formatSources(sources: PromptSource[]): string {
  return sources
    .map((s) => {
      const doc = s.documentId === undefined ? '' : ` document-id="${escapeAttr(s.documentId)}"`;
      return `<source n="${s.n}" title="${escapeAttr(s.title)}"${doc}>\n${escapeContent(s.content)}\n</source>`;
    })
    .join('\n\n');
}

const ATTR = /([\w-]+)="([^"]*)"/g;
const CLOSE_TAG = '</source>';

/** Extracts every well-formed source block from arbitrary surrounding text (e.g. a whole system prompt). */
export function parseSources(text: string): PromptSource[] {
  const sources: PromptSource[] = [];
  const openTag = /<source\b([^>]*)>/g;
  let open: RegExpExecArray | null;
  while ((open = openTag.exec(text)) !== null) {
    const attrs = new Map<string, string>();
    for (const [, name, value] of open[1]!.matchAll(ATTR)) attrs.set(name!, unescapeAttr(value!));
    const n = Number(attrs.get('n'));
    const close = text.indexOf(CLOSE_TAG, openTag.lastIndex);
    // Prose such as "cite the <source> blocks" has no n; skip it and keep scanning.
    if (!Number.isInteger(n) || close === -1) continue;

    const raw = text.slice(openTag.lastIndex, close);
    // formatSources wraps content in exactly one newline each side; strip only those.
    const body = raw.length >= 2 && raw.startsWith('\n') && raw.endsWith('\n') ? raw.slice(1, -1) : raw;
    const source: PromptSource = { n, title: attrs.get('title') ?? '', content: unescapeContent(body) };
    const documentId = attrs.get('document-id');
    if (documentId !== undefined) source.documentId = documentId;
    sources.push(source);
    openTag.lastIndex = close + CLOSE_TAG.length;
  }
  return sources;
}
