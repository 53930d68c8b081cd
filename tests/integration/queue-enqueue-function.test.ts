import { expect, it } from 'vitest';
import { STARTING_HOLDER } from '../../src/lib/delivery/delivery-states.ts';
import { enqueueSql } from '../../src/lib/queue/lead-sql.ts';
import { bothDatabases, functionsNamed, newestFunctionDefinition } from '../fixtures/migration-functions.ts';

/**
 * The enqueue statement's only source is the newest migration that (re)defines the database
 * function `floodgate_enqueue_lead` (0105_enqueue_function.sql, or a later CREATE OR REPLACE):
 * lead-sql.ts only calls it. These check that a migrated database runs exactly that body, on real
 * PostgreSQL and on the emulation, and that the body agrees with the constants it repeats.
 */
const newestDefinition = () => newestFunctionDefinition('floodgate_enqueue_lead');

const databases = bothDatabases();

it('the database runs the newest migration body of floodgate_enqueue_lead', async () => {
  const { body } = await newestDefinition();
  for (const db of [databases.postgres, databases.emulation]) {
    expect(await functionsNamed(db, 'floodgate_enqueue_lead')).toEqual([
      { prosrc: body, lanname: 'plpgsql' },
    ]);
  }
});

it('the body reserves the drainer under STARTING_HOLDER, and the intake calls it with 14 parameters', async () => {
  const { body } = await newestDefinition();
  expect(body).toContain(`SET holder = '${STARTING_HOLDER}'`);
  expect(enqueueSql).toMatch(/floodgate_enqueue_lead\(\$1, (\$\d+, ){12}\$14\)/);
  const { rows } = await databases.postgres.query<{ columns: string }>(
    `SELECT array_to_string(proargnames[15:18], ',') AS columns FROM pg_proc WHERE proname = 'floodgate_enqueue_lead'`,
  );
  expect(rows).toEqual([{ columns: 'id,fingerprint,inserted,drainer_reserved' }]);
});
