'use client';

import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Markdown, and what Word and HTML documents were read as (Markdown headings, lists, pipe tables), is shown
// formatted. Raw HTML is never rendered (react-markdown escapes it) and images are never loaded: a document may
// point them anywhere.
const components: Components = {
  img: ({ alt }) => <span className="text-zinc-500">[image{alt ? `: ${alt}` : ''}]</span>,
  a: ({ children }) => <span className="underline decoration-dotted">{children}</span>,
  h1: ({ node: _node, ...props }) => <h2 className="mt-6 mb-2 text-xl font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-lg font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 font-semibold" {...props} />,
  p: ({ node: _node, ...props }) => <p className="my-3" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...props} />,
  pre: ({ node: _node, ...props }) => <pre className="my-3 overflow-x-auto rounded-md bg-zinc-100 p-3 text-[13px] dark:bg-zinc-950" {...props} />,
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className="border-collapse text-left text-sm [&_td]:border [&_td]:border-zinc-200 [&_td]:px-2 [&_td]:py-1 dark:[&_td]:border-zinc-800 [&_th]:border [&_th]:border-zinc-200 [&_th]:px-2 [&_th]:py-1 dark:[&_th]:border-zinc-800" {...props} />
    </div>
  ),
};

/** A text, Markdown, Word or HTML document's text, formatted; plain text keeps its lines as they are. */
export function FormattedText({ text, markdown }: { text: string; markdown: boolean }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 text-[15px] leading-7 break-words dark:border-zinc-800 dark:bg-zinc-900" data-testid="formatted-text">
      {markdown ? (
        <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
          {text}
        </ReactMarkdown>
      ) : (
        <p className="whitespace-pre-wrap">{text}</p>
      )}
    </div>
  );
}
