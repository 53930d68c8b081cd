import type { TestProject } from 'vitest/node';
import { startRealPostgres } from '../fixtures/real-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    realPostgresUrl: string;
  }
}

/** One real PostgreSQL server for the whole run; each test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const server = await startRealPostgres();
  project.provide('realPostgresUrl', server.url);
  return () => server.stop();
}
