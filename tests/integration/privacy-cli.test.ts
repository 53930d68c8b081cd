import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * `npm run privacy:export` / `privacy:erase` and the status warning as an operator runs them: real
 * processes against real PostgreSQL (NETLIFY_DB_URL), local Blobs data in a scratch directory.
 */
const run = promisify(execFile);
// Each test starts up to three node processes: generous on a loaded machine (no duration is asserted).
const slow = 120_000;
const script = (name: string) => resolve('scripts', name);
const secret = 'privacy-cli-test-secret-0123456789abcdef';
let db: TestDatabase;
let cwd: string;

beforeAll(async () => {
  [db, cwd] = await Promise.all([realPostgresDatabase(), mkdtemp(join(tmpdir(), 'floodgate-privacy-cli-'))]);
  const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
  await queue.enqueue({
    idempotencyKey: 'c1a3c1e0-0000-4000-8000-000000000001',
    fingerprint: 'f',
    receivedAt: Date.now() - 60_000,
    payload: { fields: { email: 'ada@example.com' }, consent: { given: true, version: '2026-11' } },
  });
  // A dead letter 25 days old: purged in 5 days, so status warns.
  await db.query(
    `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, payload, settled_at)
     VALUES ('old-dead', 'old-dead', 'f', 'dead', $1, '{"fields":{}}', $1)`,
    [new Date(Date.now() - 25 * 86_400_000)],
  );
}, 60_000);
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
  await db.close();
});

async function cli(name: string, args: string[], env: Record<string, string> = {}) {
  const base = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    NETLIFY_DB_URL: db.url!,
    PRIVACY_HASH_SECRET: secret,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [script(name), ...args], {
      cwd,
      env: { ...base, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('privacy:export and privacy:erase on the command line', () => {
  it(
    'refuses a missing or malformed --email with the reason and the usage (exit 2)',
    async () => {
      const missing = await cli('privacy/export.ts', []);
      expect(missing).toMatchObject({ code: 2, stdout: '' });
      expect(missing.stderr).toContain('--email <address> is required');
      expect(missing.stderr).toContain('Usage: npm run privacy:export -- --email <address>');
      const invalid = await cli('privacy/erase.ts', ['--email', 'not-an-address', '--yes']);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain('--email must be an e-mail address');
      const unknown = await cli('privacy/export.ts', ['--mail', 'ada@example.com']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/Unknown option '--mail'/);
    },
    slow,
  );

  it(
    'refuses to erase unasked without --yes, and a remote database without the site’s secret',
    async () => {
      const unasked = await cli('privacy/erase.ts', ['--email', 'ada@example.com']);
      expect(unasked.code).toBe(2);
      expect(unasked.stderr).toContain('pass --yes');
      const noSecret = await cli('privacy/export.ts', ['--email', 'ada@example.com'], {
        PRIVACY_HASH_SECRET: '',
      });
      expect(noSecret.code).toBe(2);
      expect(noSecret.stderr).toContain('PRIVACY_HASH_SECRET is not set');
    },
    slow,
  );

  it(
    'exports as JSON, erases, and logs both without the address',
    async () => {
      const exported = await cli('privacy/export.ts', ['--email', '  ADA@example.com ']);
      expect(exported.code).toBe(0);
      const found = JSON.parse(exported.stdout) as {
        address: string;
        leads: { state: string }[];
        outbox: unknown[];
      };
      expect(found).toMatchObject({ address: 'ada@example.com', leads: [{ state: 'queued' }], outbox: [] });
      expect(exported.stderr).toContain('"event":"privacy.export"');
      expect(exported.stderr).not.toContain('ada@');

      const erased = await cli('privacy/erase.ts', ['--email', 'ada@example.com', '--yes']);
      expect(erased.code).toBe(0);
      expect(erased.stdout).toMatch(/leads +1 queued/);
      expect(erased.stderr).toContain('"event":"privacy.erase"');
      expect(erased.stderr).not.toContain('ada@');
      const again = JSON.parse((await cli('privacy/export.ts', ['--email', 'ada@example.com'])).stdout) as {
        leads: unknown[];
        erasures: unknown[];
      };
      expect(again.leads).toEqual([]);
      expect(again.erasures).toHaveLength(1);
    },
    slow,
  );

  it(
    'leads:status warns of dead letters nearing their purge and of erasure events the CRM has not taken',
    async () => {
      const status = await cli('leads/status.ts', []);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/purged soon +1 dead letter\(s\) purged within 7 days/);
      expect(status.stdout).toMatch(/lead\.erased events +1 not yet taken by the CRM/);
      const json = JSON.parse((await cli('leads/status.ts', ['--json'])).stdout) as { privacy: unknown };
      expect(json.privacy).toMatchObject({
        deadNearingPurge: { count: 1 },
        pendingErasureEvents: { count: 1 },
      });
    },
    slow,
  );
});
