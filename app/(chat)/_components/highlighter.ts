import { createHighlighterCore, type HighlighterCore, type ThemedToken } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

/**
 * Syntax highlighting for code in answers, loaded only when an answer has a code block. A small set of
 * languages keeps the download small; the JavaScript regex engine needs no WebAssembly, which the page's CSP
 * does not allow. Colours come back as tokens that React renders as `style` colours (CSP allows inline styles).
 */
const LANGUAGES = {
  bash: () => import('shiki/dist/langs/bash.mjs'),
  css: () => import('shiki/dist/langs/css.mjs'),
  diff: () => import('shiki/dist/langs/diff.mjs'),
  go: () => import('shiki/dist/langs/go.mjs'),
  html: () => import('shiki/dist/langs/html.mjs'),
  java: () => import('shiki/dist/langs/java.mjs'),
  javascript: () => import('shiki/dist/langs/javascript.mjs'),
  json: () => import('shiki/dist/langs/json.mjs'),
  jsx: () => import('shiki/dist/langs/jsx.mjs'),
  markdown: () => import('shiki/dist/langs/markdown.mjs'),
  python: () => import('shiki/dist/langs/python.mjs'),
  rust: () => import('shiki/dist/langs/rust.mjs'),
  sql: () => import('shiki/dist/langs/sql.mjs'),
  tsx: () => import('shiki/dist/langs/tsx.mjs'),
  typescript: () => import('shiki/dist/langs/typescript.mjs'),
  yaml: () => import('shiki/dist/langs/yaml.mjs'),
} as const;

type Language = keyof typeof LANGUAGES;

const ALIASES: Record<string, Language> = {
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  console: 'bash',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  py: 'python',
  yml: 'yaml',
  md: 'markdown',
  rs: 'rust',
  golang: 'go',
  xml: 'html',
  postgres: 'sql',
  postgresql: 'sql',
};

/** The highlighter's name for a fence's language, or null for one it does not know (shown plain). */
export function knownLanguage(name: string | undefined): Language | null {
  const lower = name?.toLowerCase();
  if (!lower) return null;
  if (lower in LANGUAGES) return lower as Language;
  return ALIASES[lower] ?? null;
}

let highlighter: Promise<HighlighterCore> | undefined;
const loaded = new Map<Language, Promise<void>>();

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('shiki/dist/themes/github-light.mjs'), import('shiki/dist/themes/github-dark.mjs')],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** One line's tokens, each with its light and dark colour. */
export type HighlightedLine = Array<{ content: string; light?: string; dark?: string }>;

/** The code's lines as coloured tokens, in GitHub's light and dark themes. */
export async function highlight(code: string, language: Language): Promise<HighlightedLine[]> {
  const core = await getHighlighter();
  let loading = loaded.get(language);
  if (!loading) {
    loading = LANGUAGES[language]().then((module) => core.loadLanguage(module.default));
    loaded.set(language, loading);
  }
  await loading;
  const { tokens } = core.codeToTokens(code, { lang: language, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false });
  return tokens.map((line: ThemedToken[]) =>
    line.map((token) => ({ content: token.content, light: token.htmlStyle?.['--shiki-light'], dark: token.htmlStyle?.['--shiki-dark'] })),
  );
}
