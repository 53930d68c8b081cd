import { afterAll, beforeAll, expect, it } from 'vitest';
import { STARTING_HOLDER } from '../../src/lib/delivery/delivery-states.ts';
import { enqueueSql } from '../../src/lib/queue/lead-sql.ts';
import { emulatedDatabase, realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { newestFunctionDefinition } from '../fixtures/migration-functions.ts';

/**
 * The enqueue statement's only source is the newest migration that (re)defines the database
 * function `floodgate_enqueue_lead` (0105_enqueue_function.sql, or a later CREATE OR REPLACE):
 * lead-sql.ts only calls it. These check that a migrated database runs exactly that body, on real
 * PostgreSQL and on the emulation, and that the body agrees with the constants it repeats.
 */
const newestDefinition = () => newestFunctionDefinition('floodgate_enqueue_lead');

let postgres: TestDatabase;
let emulation: TestDatabase;
beforeAll(async () => {
  [postgres, emulation] = await Promise.all([realPostgresDatabase({ max: 2 }), emulatedDatabase()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres.close(), emulation.close()]);
});

it('the database runs the newest migration body of floodgate_enqueue_lead', async () => {
  const { body } = await newestDefinition();
  for (const db of [postgres, emulation]) {
    const { rows } = await db.query<{ prosrc: string; lanname: string }>(
      `SELECT prosrc, lanname FROM pg_proc JOIN pg_language l ON l.oid = prolang
       WHERE proname = 'floodgate_enqueue_lead'`,
    );
    expect(rows).toEqual([{ prosrc: body, lanname: 'plpgsql' }]);
  }
});

it('the body reserves the drainer under STARTING_HOLDER, and the intake calls it with 14 parameters', async () => {
  const { body } = await newestDefinition();
  expect(body).toContain(`SET holder = '${STARTING_HOLDER}'`);
  expect(enqueueSql).toMatch(/floodgate_enqueue_lead\(\$1, (\$\d+, ){12}\$14\)/);
  const { rows } = await postgres.query<{ columns: string }>(
    `SELECT array_to_string(proargnames[15:18], ',') AS columns FROM pg_proc WHERE proname = 'floodgate_enqueue_lead'`,
  );
  expect(rows).toEqual([{ columns: 'id,fingerprint,inserted,drainer_reserved' }]);
});
