'use client';

import type { Element, ElementContent } from 'hast';
import { createContext, memo, use, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CitationLink } from './citation-link';
import { HighlightedCode, useHighlightedCode } from './highlighted-code';
import { CheckIcon, CopyIcon } from './icons';
import { rehypeCitations } from './rehype-citations';
import type { ChatSource } from './types';
import { useCopy } from '@/app/_components/use-copy';

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function CodeBlock({ node, children }: { node?: Element; children: React.ReactNode }) {
  const { state, copy } = useCopy();
  const code = node?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const classes = code?.properties.className;
  const language = (Array.isArray(classes) ? classes : [])
    .map(String)
    .find((name) => name.startsWith('language-'))
    ?.slice('language-'.length);
  const text = code ? textOf(code).replace(/\n$/, '') : '';
  const highlighted = useHighlightedCode(text, language);

  return (
    <div className="group/code my-3 overflow-hidden rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-1 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        <span className="font-mono">{language ?? 'code'}</span>
        <button
          type="button"
          onClick={() => void copy(text)}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:focus-visible:outline-zinc-100"
        >
          {state === 'copied' ? <CheckIcon className="size-3.5" /> : <CopyIcon className="size-3.5" />}
          {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy code'}
        </button>
      </div>
      <pre
        data-language={language}
        className="overflow-x-auto p-3 text-[13px] leading-relaxed [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-inherit"
      >
        {highlighted ? <HighlightedCode lines={highlighted} /> : children}
      </pre>
    </div>
  );
}

/** The message's sources and what a click on a chip does; a context keeps the components below stable. */
const CitationContext = createContext<{ byNumber: Map<number, ChatSource>; onCite: (n: number) => void }>({
  byNumber: new Map(),
  onCite: () => {},
});

function Citation({ node, children }: { node?: Element; children?: React.ReactNode }) {
  const { byNumber, onCite } = use(CitationContext);
  const source = byNumber.get(Number(node?.properties.dataCitation));
  return source ? <CitationLink source={source} onCite={onCite} /> : <cite>{children}</cite>;
}

/** Where an image would have come from, for the reader: a host, or "this site" for a relative address. */
function sourceOf(src: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(src)) return 'this site';
  try {
    return new URL(src).host || new URL(src).protocol;
  } catch {
    return 'an unreadable address';
  }
}

/**
 * An image in an answer is never loaded: answers quote documents, and a document can hold
 * `![i](https://elsewhere/?d=…)`, which the browser would fetch, telling that host whatever the URL carries. It is
 * shown as a link naming the host instead, for the reader to open if they trust it (the page's CSP blocks remote
 * images too).
 */
function AnswerImage({ src, alt }: { src?: string | Blob; alt?: string }) {
  if (typeof src !== 'string' || !src) return alt ? <span>{alt}</span> : null;
  return (
    <a
      href={src}
      target="_blank"
      rel="noopener noreferrer nofollow"
      data-testid="answer-image-link"
      className="inline-flex items-center gap-1 rounded border border-zinc-300 px-1.5 text-sm text-zinc-600 hover:border-zinc-500 hover:text-zinc-900 dark:border-zinc-700 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      Image{alt ? `: ${alt}` : ''} (not loaded, from {sourceOf(src)})
    </a>
  );
}

const components: Components = {
  img: ({ src, alt }) => <AnswerImage src={src} alt={alt} />,
  cite: Citation,
  p: ({ node: _node, ...props }) => <p className="my-3 first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...props} />,
  li: ({ node: _node, ...props }) => <li className="pl-1 marker:text-zinc-400" {...props} />,
  h1: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-lg font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-base font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 font-semibold" {...props} />,
  h4: ({ node: _node, ...props }) => <h5 className="mt-4 mb-1 font-semibold" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-3 border-l-2 border-zinc-300 pl-3 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" {...props} />
  ),
  hr: () => <hr className="my-4 border-zinc-200 dark:border-zinc-800" />,
  a: ({ node: _node, href, ...props }) => {
    const external = href ? /^https?:\/\//i.test(href) : false;
    return (
      <a
        href={href}
        {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
        className="font-medium text-sky-700 underline underline-offset-2 hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300"
        {...props}
      />
    );
  },
  code: ({ node: _node, className, ...props }) => (
    <code
      className={`rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.875em] dark:bg-zinc-800 ${className ?? ''}`}
      {...props}
    />
  ),
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse text-left text-sm" {...props} />
    </div>
  ),
  thead: ({ node: _node, ...props }) => <thead className="bg-zinc-50 dark:bg-zinc-950/40" {...props} />,
  th: ({ node: _node, ...props }) => (
    <th className="border-b border-zinc-200 px-3 py-2 font-semibold dark:border-zinc-800" {...props} />
  ),
  td: ({ node: _node, ...props }) => (
    <td className="border-b border-zinc-100 px-3 py-2 align-top dark:border-zinc-800/60" {...props} />
  ),
};

/** Hides a citation still being typed at the end of a streaming answer ("… [" or "… [1"), so it never flickers. */
function trimPartialMarker(text: string): string {
  return text.replace(/\[\d*(?:,\s*\d*)*$/, '');
}

/**
 * An answer rendered as GitHub-flavoured Markdown, with its `[n]` citations as chips that open the source.
 * Raw HTML in the answer is never rendered (react-markdown escapes it).
 */
export const Markdown = memo(function Markdown({
  text,
  sources,
  streaming = false,
  onCite,
}: {
  text: string;
  sources: ChatSource[];
  streaming?: boolean;
  onCite: (n: number) => void;
}) {
  const byNumber = useMemo(() => new Map(sources.map((source) => [source.n, source])), [sources]);
  const rehypePlugins = useMemo(
    () => [[rehypeCitations, { sources: new Set(byNumber.keys()) }] as [typeof rehypeCitations, { sources: Set<number> }]],
    [byNumber],
  );
  const citations = useMemo(() => ({ byNumber, onCite }), [byNumber, onCite]);

  return (
    <div className="text-[15px] leading-7 break-words">
      <CitationContext value={citations}>
        <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={rehypePlugins} components={components}>
          {streaming ? trimPartialMarker(text) : text}
        </ReactMarkdown>
      </CitationContext>
    </div>
  );
});
