import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadDeliveryHealth } from '../../src/lib/delivery/delivery-health.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await realPostgresDatabase();
});
afterAll(() => db?.close());

describe('the health report on a database no drainer has used yet', () => {
  it('reads the never-taken lease (-infinity) as an idle drainer, not a crash', async () => {
    const health = await leadDeliveryHealth(db, Date.parse('2026-12-07T12:00:00Z'));
    expect(health.drainer).toMatchObject({ until: null });
    expect(health.depth).toBe(0);
  });
});
