import { expect, it } from 'vitest';
import { claimFairSql, nextClaimableDueSql } from '../../src/lib/queue/lane-sql.ts';
import { ackManySql, ackSql } from '../../src/lib/queue/lead-sql.ts';
import { bothDatabases, functionsNamed, newestFunctionDefinition } from '../fixtures/migration-functions.ts';

/**
 * The claim's, the ack's and the next-due probe's only source is the newest migration that
 * (re)defines each database function (0110_claim_ack_functions.sql, or a later CREATE OR REPLACE):
 * lane-sql.ts and lead-sql.ts only call them. These check that a migrated database runs exactly
 * those bodies, on real PostgreSQL and on the emulation, and that the callers match their signatures.
 */
const functions = ['floodgate_claim_fair', 'floodgate_ack_leads', 'floodgate_next_claimable_due'];

const databases = bothDatabases();

it.each(functions)('the database runs the newest migration body of %s', async (name) => {
  const { body } = await newestFunctionDefinition(name);
  for (const db of [databases.postgres, databases.emulation]) {
    expect(await functionsNamed(db, name)).toEqual([{ prosrc: body, lanname: 'plpgsql' }]);
  }
});

it('the worker calls each function once, with its parameters, and reads the columns it returns', async () => {
  expect(claimFairSql).toMatch(/FROM floodgate_claim_fair\(\$1, \$2, \$3, \$4, \$5, \$6\)$/);
  expect(ackManySql).toMatch(/floodgate_ack_leads\(\$1::text\[\], \$2::text\[\], \$3\)/);
  expect(ackSql).toMatch(/floodgate_ack_leads\(ARRAY\[\$1::text\], ARRAY\[\$2::text\], \$3\)/);
  expect(nextClaimableDueSql).toContain('floodgate_next_claimable_due()');
  const { rows } = await databases.postgres.query<{ columns: string }>(
    `SELECT array_to_string(proargnames[7:], ', ') AS columns FROM pg_proc WHERE proname = 'floodgate_claim_fair'`,
  );
  const selected = /^SELECT ([^]*?)\nFROM/.exec(claimFairSql)?.[1].replace(/\s+/g, ' ');
  expect(rows).toEqual([{ columns: selected }]);
});
