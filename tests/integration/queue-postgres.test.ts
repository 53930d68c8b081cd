import { afterAll, beforeAll } from 'vitest';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import {
  emulatedDatabase,
  faultyClient,
  realPostgresDatabase,
  type TestDatabase,
} from '../fixtures/databases.ts';
import { describeLaneContract } from '../fixtures/lane-contract.ts';
import { describeLeadQueueContract } from '../fixtures/lead-queue-contract.ts';
import { createPostgresLeadPauses } from '../../src/lib/queue/lead-pauses.ts';

const databases: Record<string, TestDatabase> = {};
beforeAll(async () => {
  [databases.emulation, databases.postgres] = await Promise.all([emulatedDatabase(), realPostgresDatabase()]);
}, 60_000);
afterAll(async () => {
  await Promise.all(Object.values(databases).map((db) => db.close()));
});

for (const [adapter, name] of [
  ['Postgres queue on Netlify Database emulation', 'emulation'],
  ['Postgres queue on a real PostgreSQL', 'postgres'],
] as const) {
  describeLeadQueueContract(adapter, async ({ now, random, failing }) => {
    const db = databases[name];
    await db.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
    return createPostgresLeadQueue({ db: faultyClient(db, () => failing), now, random });
  });
  describeLaneContract(adapter, async ({ now }) => {
    const db = databases[name];
    await db.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
    return {
      queue: createPostgresLeadQueue({ db, now, random: Math.random }),
      pauses: createPostgresLeadPauses({ db, now }),
    };
  });
}
