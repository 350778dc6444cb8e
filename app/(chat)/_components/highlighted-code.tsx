'use client';

import { useEffect, useState } from 'react';
import type { HighlightedLine } from './highlighter';

/** Waits this long after the code last changed (an answer streaming in) before colouring it. */
const SETTLE_MS = 150;

/**
 * The code coloured by shiki once the highlighter (loaded on first use) has it; null until then, and for
 * languages it does not know, so the plain code shows meanwhile.
 */
export function useHighlightedCode(code: string, language: string | undefined): HighlightedLine[] | null {
  const [result, setResult] = useState<{ code: string; lines: HighlightedLine[] } | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void import('./highlighter')
        .then(async ({ highlight, knownLanguage }) => {
          const known = knownLanguage(language);
          if (!known) return;
          const lines = await highlight(code, known);
          if (!cancelled) setResult({ code, lines });
        })
        // Highlighting is decoration: the plain code stays if it fails.
        .catch(() => {});
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [code, language]);
  return result?.code === code ? result.lines : null;
}

/** Coloured code: each token's colour for light and dark themes, picked by the `dark:` variant. */
export function HighlightedCode({ lines }: { lines: HighlightedLine[] }) {
  return (
    <code data-testid="highlighted-code" className="font-mono">
      {lines.map((line, index) => (
        <span key={index}>
          {line.map((token, position) => (
            <span
              key={position}
              className="text-(--shiki-light) dark:text-(--shiki-dark)"
              style={{ '--shiki-light': token.light, '--shiki-dark': token.dark } as React.CSSProperties}
            >
              {token.content}
            </span>
          ))}
          {index < lines.length - 1 ? '\n' : null}
        </span>
      ))}
    </code>
  );
}
