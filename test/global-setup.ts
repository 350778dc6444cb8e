import type { TestProject } from 'vitest/node';
import { createPgliteTemplate } from './support/pglite-template';
import { startPostgresCluster } from './support/postgres-cluster';
import { startRedisServer } from './support/redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    redisUrl: string;
    pgliteTemplate: string;
  }
}

/**
 * One native Postgres cluster and one Redis for the whole run; each test file makes its own database. One empty
 * PGlite cluster too, which every PGlite test database starts as a copy of (test/support/pglite-template.ts).
 */
export default async function setup(project: TestProject) {
  const [cluster, redis, template] = await Promise.all([startPostgresCluster(), startRedisServer(), createPgliteTemplate()]);
  project.provide('postgresAdminUrl', cluster.url());
  project.provide('redisUrl', redis.url);
  project.provide('pgliteTemplate', template.path);
  return async () => {
    await Promise.all([cluster.destroy(), redis.stop(), template.remove()]);
  };
}
