/** The few documents the small-corpus HTTP runs ingest through the API, so that chat has something to retrieve. */

export const SEED_DOCUMENTS = [
  {
    title: 'Installation',
    text: 'Install the package with npm install. Node.js 20 or later is supported; older versions are not tested. The --watch flag rebuilds on every change.',
  },
  {
    title: 'Configuration',
    text: 'The configuration file is loaded from the project root. Environment variables override it. TypeScript path aliases are read from tsconfig.json.',
  },
  {
    title: 'Contributing',
    text: 'Run the tests locally with npm test before you open a pull request. Report security vulnerabilities by e-mail, never in a public issue.',
  },
  {
    title: 'Errors and caching',
    text: 'Errors are reported to the caller as rejected promises with a code. Answers are cached for five minutes; the cache key includes the question.',
  },
];

/** Ingests the seed documents through the API, each answered once it is indexed (the original's POST /ingest). */
export async function seedDocuments(appUrl: string): Promise<void> {
  for (const document of SEED_DOCUMENTS) {
    const response = await fetch(`${appUrl}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(document) });
    const body = (await response.json()) as { status?: string };
    if (!response.ok || body.status !== 'indexed') throw new Error(`seeding "${document.title}": HTTP ${response.status} ${JSON.stringify(body)}`);
  }
}
