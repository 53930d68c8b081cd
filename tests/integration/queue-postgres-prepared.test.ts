import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { poolClient, statementName } from '../../src/lib/db/pool-client.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { enqueueSql } from '../../src/lib/queue/lead-sql.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { faultyClient, realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { describeLeadQueueContract } from '../fixtures/lead-queue-contract.ts';

/**
 * `DATABASE_PREPARED_STATEMENTS=true` (src/lib/db/connect.ts): the lead function sends its enqueue
 * as a named prepared statement. The queue must keep its whole contract that way, on a real
 * PostgreSQL with several pooled connections, each preparing the statement once.
 */
let database: TestDatabase;
let prepared: OwnedSqlClient;
beforeAll(async () => {
  database = await realPostgresDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  prepared = poolClient(pool, 'PostgreSQL, enqueue prepared', { prepared: [enqueueSql] });
}, 60_000);
afterAll(async () => {
  await prepared.close();
  await database.close();
});

describeLeadQueueContract(
  'Postgres queue, enqueue as a named prepared statement',
  async ({ now, random, failing }) => {
    await prepared.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
    return createPostgresLeadQueue({ db: faultyClient(prepared, () => failing), now, random });
  },
);

it('prepares the enqueue once per connection, under one stable name, and uses it for every lead', async () => {
  await prepared.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
  const queue = createPostgresLeadQueue({ db: prepared, now: Date.now, random: Math.random });
  const lead = (key: string) => ({
    idempotencyKey: key,
    fingerprint: `fp-${key}`,
    receivedAt: Date.now(),
    payload: { fields: { email: `${key}@example.com` } },
  });
  const stored = await Promise.all(Array.from({ length: 20 }, (_, n) => queue.enqueue(lead(`key-${n}`))));
  expect(stored.every((result) => result.outcome === 'created')).toBe(true);
  expect((await queue.enqueue(lead('key-3'))).outcome).toBe('duplicate');
  // pg_prepared_statements is per session: each of the pool's connections holds the statement once.
  const { rows } = await prepared.query<{ name: string; statement: string }>(
    'SELECT name, statement FROM pg_prepared_statements',
  );
  expect(rows).toEqual([{ name: statementName(enqueueSql), statement: enqueueSql }]);
  expect(statementName(enqueueSql)).toMatch(/^floodgate_[0-9a-f]{20}$/);
});
