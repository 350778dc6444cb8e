import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from '@/server/ingest/extract';

export interface ReadablePage {
  title: string | null;
  /** The readable part of the page as a small HTML document, stored as the document's content. */
  html: string;
  /** Absolute http(s) links found anywhere on the page (navigation included), without fragments, once each. */
  links: string[];
}

// Page furniture removed when Readability finds no article and the whole body is kept instead.
const BOILERPLATE = 'script, style, noscript, template, nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"]';

function decodeHtml(body: Uint8Array, charset: string | null): string {
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // An unknown label: fall back to sniffing.
    }
  }
  return decodeText(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function linksOf(document: Document, pageUrl: URL): string[] {
  const base = document.querySelector('base[href]')?.getAttribute('href');
  let baseUrl = pageUrl;
  try {
    if (base) baseUrl = new URL(base, pageUrl);
  } catch {
    // A broken <base> is ignored, as browsers do.
  }
  const links = new Set<string>();
  for (const anchor of document.querySelectorAll('a[href]')) {
    try {
      const link = new URL(anchor.getAttribute('href')!, baseUrl);
      if (link.protocol !== 'http:' && link.protocol !== 'https:') continue;
      link.hash = '';
      links.add(link.toString());
    } catch {
      // Not a URL: skipped.
    }
  }
  return [...links];
}

/**
 * The article of a web page as Mozilla Readability finds it (navigation, banners, footers and sidebars left
 * out), and the page's links for a crawl, read before Readability rewrites the DOM. Pages Readability cannot
 * make an article of keep their body minus the usual furniture.
 */
export function readablePage(body: Uint8Array, charset: string | null, pageUrl: URL): ReadablePage {
  const { document } = parseHTML(decodeHtml(body, charset));
  const links = linksOf(document as unknown as Document, pageUrl);
  const pageTitle = document.querySelector('title')?.textContent?.trim() || null;
  const article = new Readability(document as unknown as Document).parse();
  let title = article?.title?.trim() || pageTitle;
  let content = article?.content ?? '';
  if (!article || !article.textContent?.trim()) {
    const fallback = parseHTML(decodeHtml(body, charset)).document;
    for (const node of fallback.querySelectorAll(BOILERPLATE)) node.remove();
    content = fallback.body?.innerHTML ?? '';
    title = pageTitle;
  }
  const heading = title ? `<h1>${escapeHtml(title)}</h1>` : '';
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title ?? '')}</title></head><body>${heading}${content}</body></html>`;
  return { title, html, links };
}
