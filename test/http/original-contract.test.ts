import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';

/**
 * The original service's API as its clients use it (FastAPI + LlamaIndex: the seed's locustfile, its README's
 * curl examples), run against Docent unchanged. Each response is held to the original's documented shape; Docent
 * may add fields, never drop or rename one, and must mean the same thing by each word.
 */

const uuid = z.string().uuid();
const errorShape = z.object({ error: z.string().min(1), detail: z.unknown(), code: z.string() });
const source = z.object({ document_id: uuid, title: z.string(), snippet: z.string(), score: z.number() });
const chatAnswer = z.object({ session_id: z.string(), answer: z.string().min(1), sources: z.array(source) });
const documentShape = z.object({ document_id: uuid, title: z.string(), status: z.string(), created_at: z.string() });
const vaultShape = z.object({ vault_id: uuid, name: z.string(), description: z.string().nullable(), document_count: z.number() });
const agentShape = z.object({ agent_id: uuid, name: z.string(), system_prompt: z.string(), vault_id: uuid.nullable() });

describe('the original service’s clients, unchanged, against Docent', () => {
  let app: AppServer;
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    data = await tempDir('docent-contract-');
    // The original's clients send no credentials: an operator opts in to that (README, Security).
    app = await startAppServer({ DATA_DIR: data.path, RESPONSE_CACHE_TTL: '0', ALLOW_ANONYMOUS_API: 'true' });
  });
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as unknown };
  }

  /** Parses `value` with `schema`, failing the test with zod's account of what differs. */
  function holds<T>(schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`${JSON.stringify(value)}\ndoes not have the original's shape: ${parsed.error.message}`);
    return parsed.data;
  }

  it('GET /health answers "ok", the word load balancers and clients match', async () => {
    const { status, body } = await call('GET', '/health');
    expect(status).toBe(200);
    expect(holds(z.object({ status: z.literal('ok') }), body).status).toBe('ok');
  });

  it('POST /ingest then POST /chat: the answer cites what was just ingested, with no wait in between', async () => {
    const ingested = await call('POST', '/ingest', {
      text: 'The Kestrel pump must be primed with 2 litres of water before its first start.',
      title: 'Kestrel pump manual',
      source: 'kestrel.md',
      metadata: { team: 'plant' },
    });
    expect(ingested.status).toBe(200);
    const { document_id: documentId } = holds(z.object({ document_id: uuid, status: z.literal('indexed') }), ingested.body);

    const asked = await call('POST', '/chat', { session_id: 'test', message: 'How much water primes the Kestrel pump?' });
    expect(asked.status).toBe(200);
    const answer = holds(chatAnswer, asked.body);
    expect(answer.session_id).toBe('test');
    expect(answer.answer).toContain('2 litres');
    expect(answer.sources[0]).toMatchObject({ document_id: documentId, title: 'Kestrel pump manual' });

    const limited = await call('POST', '/chat', { session_id: 'test', message: 'And before its first start?', config: { top_k: 1, temperature: 0.2 } });
    expect(holds(chatAnswer, limited.body).sources.length).toBeLessThanOrEqual(1);
  });

  it('GET /documents, GET and DELETE /documents/{id}', async () => {
    const { body } = await call('POST', '/ingest', { text: 'Fog horns sound every thirty seconds.', title: 'Fog' });
    const id = holds(z.object({ document_id: uuid }), body).document_id;

    const listed = holds(z.object({ documents: z.array(documentShape) }), (await call('GET', '/documents')).body);
    expect(listed.documents.map((d) => d.document_id)).toContain(id);
    expect(holds(documentShape, (await call('GET', `/documents/${id}`)).body)).toMatchObject({ document_id: id, title: 'Fog', status: 'ready' });
    expect((await call('DELETE', `/documents/${id}`)).body).toEqual({ document_id: id, deleted: true });
    expect((await call('GET', `/documents/${id}`)).status).toBe(404);
  });

  it('vaults scope ingestion and chat; agents answer within their vault', async () => {
    const created = await call('POST', '/vaults', { name: 'Contracts', description: 'Signed agreements' });
    const vault = holds(vaultShape, created.body);
    await call('POST', '/ingest', { text: 'The Orca lease ends on 31 March 2031.', title: 'Orca lease', vault_id: vault.vault_id });
    expect(holds(vaultShape, (await call('GET', `/vaults/${vault.vault_id}`)).body).document_count).toBe(1);
    expect(holds(z.object({ vaults: z.array(vaultShape) }), (await call('GET', '/vaults')).body).vaults.map((v) => v.name)).toContain('Contracts');

    const scoped = holds(chatAnswer, (await call('POST', '/chat', { session_id: 'vault-q', message: 'When does the Orca lease end?', vault_id: vault.vault_id })).body);
    expect(scoped.sources.map((s) => s.title)).toEqual(['Orca lease']);

    const agent = holds(agentShape, (await call('POST', '/agents', { name: 'Lease clerk', system_prompt: 'Answer from the leases.', vault_id: vault.vault_id })).body);
    expect(holds(z.object({ agents: z.array(agentShape) }), (await call('GET', '/agents')).body).agents.map((a) => a.agent_id)).toContain(agent.agent_id);
    const byAgent = holds(chatAnswer, (await call('POST', '/chat', { session_id: 'agent-q', message: 'When does the lease end?', agent_id: agent.agent_id })).body);
    expect(byAgent.sources.map((s) => s.title)).toEqual(['Orca lease']);

    expect((await call('DELETE', `/agents/${agent.agent_id}`)).body).toEqual({ agent_id: agent.agent_id, deleted: true });
    expect((await call('DELETE', `/vaults/${vault.vault_id}`)).body).toEqual({ vault_id: vault.vault_id, deleted: true });
  });

  it('errors are { error, detail, code } JSON with the original codes, unknown paths included', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/chat', { session_id: 'x' }, 422, 'VALIDATION_ERROR'],
      ['POST', '/ingest', { text: '' }, 422, 'VALIDATION_ERROR'],
      ['GET', '/documents/00000000-0000-4000-8000-00000000dead', undefined, 404, 'NOT_FOUND'],
      ['GET', '/vaults/not-an-id', undefined, 404, 'NOT_FOUND'],
      ['GET', '/no-such-endpoint', undefined, 404, 'NOT_FOUND'],
      ['POST', '/api/v2/chat', { message: 'hi' }, 404, 'NOT_FOUND'],
      ['DELETE', '/health', undefined, 405, 'METHOD_NOT_ALLOWED'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const answer = await call(method, path, body);
      expect({ method, path, status: answer.status, type: answer.type }).toEqual({ method, path, status, type: expect.stringContaining('application/json') });
      expect(holds(errorShape, answer.body).code, `${method} ${path}`).toBe(code);
    }
  });
});
