import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './support/postgres-cluster';
import { startRedisServer } from './support/redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    redisUrl: string;
  }
}

/** One native Postgres cluster and one Redis for the whole run; each test file makes its own database. */
export default async function setup(project: TestProject) {
  const [cluster, redis] = await Promise.all([startPostgresCluster(), startRedisServer()]);
  project.provide('postgresAdminUrl', cluster.url());
  project.provide('redisUrl', redis.url);
  return async () => {
    await Promise.all([cluster.destroy(), redis.stop()]);
  };
}
