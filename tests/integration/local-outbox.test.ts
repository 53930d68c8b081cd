import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScriptStore } from '../../scripts/lib/blobs.ts';
import { OUTBOX_STORE_NAME } from '../../src/lib/outbox/outbox-store.ts';
import { leadKeyFor } from '../../src/lib/queue/lead-id.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.ts';
import { validLead } from '../fixtures/valid-lead.ts';

/**
 * `npm start` itself (scripts/serve.ts in a child process: NetlifyDev's Blobs, the warm lead
 * function, the dev CRM and the local worker) on a real PostgreSQL reached through a proxy that
 * is stopped like a database server: every lead posted meanwhile is answered 202 and kept in the
 * Blobs outbox, and each is delivered to the dev CRM once the database is back.
 */
let db: TestDatabase;
let proxy: TcpProxy;
let serve: ChildProcess;
let site: string;
let crm: string;
let output = '';

beforeAll(async () => {
  db = await realPostgresDatabase();
  proxy = await startTcpProxy(db.url!);
  serve = spawn(process.execPath, ['scripts/serve.ts', '--port', '0'], {
    env: { ...process.env, NETLIFY_DB_URL: proxy.url, SITE_URL: '', PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serve.stderr?.on('data', (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-8_000)));
  [site, crm] = await new Promise<[string, string]>((resolve, reject) => {
    let crmUrl = '';
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    createInterface({ input: serve.stdout! }).on('line', (line) => {
      output = `${output}${line}\n`.slice(-8_000);
      crmUrl = /^Dev CRM at (\S+?)\/? /.exec(line)?.[1] ?? crmUrl;
      const running = /^Floodgate is running at (\S+?)\/? /.exec(line)?.[1];
      if (running) resolve([running, crmUrl]);
    });
  });
}, 180_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((done) => serve.once('exit', done));
    serve.kill('SIGTERM');
    await exited;
  }
  await proxy?.close();
  await db?.close();
}, 60_000);

const post = (body: unknown) =>
  fetch(`${site}/api/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Origin: site },
    body: JSON.stringify(body),
  });

async function outboxHas(keys: string[]): Promise<boolean[]> {
  const opened = await openScriptStore(OUTBOX_STORE_NAME, { env: {} });
  try {
    return await Promise.all(keys.map(async (key) => (await opened.store.get(leadKeyFor(key))) !== null));
  } finally {
    await opened.close();
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}:\n${output}`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

describe('npm start with the database stopped', () => {
  it('answers 202, keeps each lead in the Blobs outbox, and delivers it once the database is back', async () => {
    const run = randomUUID().slice(0, 8);
    const leads = Array.from({ length: 8 }, (_, i) =>
      validLead(randomUUID(), `outage-${run}-${i}@example.com`),
    );
    const keys = leads.map((lead) => String(lead.idempotencyKey));

    await proxy.stop();
    const answers = [];
    for (const lead of leads) {
      const response = await post(lead);
      answers.push({ status: response.status, body: (await response.json()) as { id?: string } });
    }
    expect(
      answers.map((answer) => answer.status),
      output,
    ).toEqual(leads.map(() => 202));
    expect(await outboxHas(keys)).toEqual(keys.map(() => true));
    // A retry of the same submission while the database is still away: the same id, one entry.
    const retry = await post(leads[0]);
    expect([retry.status, ((await retry.json()) as { id: string }).id]).toEqual([202, answers[0].body.id]);

    await proxy.restart();
    const received = await waitFor('every lead in the dev CRM', async () => {
      const response = await fetch(`${crm}/_received`);
      const all = (await response.json()) as { id: string; lead: unknown }[];
      const ours = all.filter((entry) => JSON.stringify(entry.lead).includes(`outage-${run}-`));
      return ours.length >= leads.length ? ours : undefined;
    });
    expect(received.map((entry) => entry.id).sort()).toEqual(answers.map((answer) => answer.body.id).sort());
    const rows = await db.query<{ idempotency_key: string; state: string }>(
      'SELECT idempotency_key, state FROM leads WHERE idempotency_key = ANY($1)',
      [keys],
    );
    expect(rows.rows.map((row) => row.state)).toEqual(keys.map(() => 'done'));
    expect(await outboxHas(keys)).toEqual(keys.map(() => false));
  }, 180_000);
});
