import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { pingRedis } from './redis-server';

describe('the test bed', () => {
  it('runs a native PostgreSQL 15 with pgvector on loopback', async () => {
    const sql = postgres(inject('postgresAdminUrl'), { max: 1, onnotice: () => {} });
    try {
      const [server] = await sql<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
      const [vector] = await sql<{ version: string }[]>`SELECT default_version AS version FROM pg_available_extensions WHERE name = 'vector'`;
      expect(server?.version).toMatch(/^15\./);
      expect(vector?.version).toMatch(/^0\.\d+\.\d+$/);
    } finally {
      await sql.end();
    }
  });

  it('runs a Redis on loopback', async () => {
    const port = Number(new URL(inject('redisUrl')).port);
    expect(await pingRedis(port)).toBe(true);
  });
});
