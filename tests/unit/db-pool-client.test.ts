import { describe, expect, it } from 'vitest';
import { poolClient, statementName } from '../../src/lib/db/pool-client.ts';

/** A pool that records what it was asked, as node-postgres' `Pool.query` receives it. */
function recordingPool() {
  const calls: unknown[][] = [];
  return {
    calls,
    query: (...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve({ rows: [] });
    },
    end: () => Promise.resolve(),
  };
}

describe('poolClient', () => {
  it('sends a statement marked prepared by its stable name, and every other one as text', async () => {
    const pool = recordingPool();
    const client = poolClient(pool, 'test', { prepared: ['SELECT $1::int AS hot'] });
    await client.query('SELECT $1::int AS hot', [1]);
    await client.query('SELECT $1::int AS cold', [2]);
    await client.query('SELECT 1');
    expect(pool.calls).toEqual([
      [{ name: statementName('SELECT $1::int AS hot'), text: 'SELECT $1::int AS hot', values: [1] }],
      ['SELECT $1::int AS cold', [2]],
      ['SELECT 1', undefined],
    ]);
  });

  it('sends everything as text when nothing is marked (the default, and the emulation)', async () => {
    const pool = recordingPool();
    await poolClient(pool, 'test').query('SELECT $1::int AS hot', [1]);
    expect(pool.calls).toEqual([['SELECT $1::int AS hot', [1]]]);
  });

  it('names a statement after its text: the same name everywhere, another text another name', () => {
    expect(statementName('SELECT 1')).toBe(statementName('SELECT 1'));
    expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
  });
});
