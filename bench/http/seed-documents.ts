/** The few documents the small-corpus HTTP runs ingest through the API, so that chat has something to retrieve. */
const READY_TIMEOUT_MS = 60_000;

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


/** Ingests the seed documents through the API and waits until the worker has indexed them. */
export async function seedDocuments(appUrl: string): Promise<void> {
  const ids: string[] = [];
  for (const document of SEED_DOCUMENTS) {
    const response = await fetch(`${appUrl}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(document) });
    if (!response.ok) throw new Error(`seeding "${document.title}": HTTP ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { document_id: string }).document_id);
  }
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const id of ids) {
    for (;;) {
      const { status, error } = (await (await fetch(`${appUrl}/documents/${id}`)).json()) as { status: string; error: string | null };
      if (status === 'ready') break;
      if (status === 'failed') throw new Error(`seed document ${id} failed: ${error}`);
      if (Date.now() > deadline) throw new Error(`seed document ${id} still ${status} after ${READY_TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
