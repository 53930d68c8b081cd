import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import type { DeliveryLogLine } from '../../src/lib/delivery/delivery-log.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { faultyClient, realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import {
  crmSecret,
  enqueueLeads,
  fastDeliveryEnv,
  resetDelivery,
  testWorker,
} from '../fixtures/delivery-harness.ts';
import { virtualClock } from '../fixtures/delivery-virtual-clock.ts';

/** Faults on real servers: a real PostgreSQL, the dev CRM on loopback (verifying every signature). */
let db: TestDatabase;
let crm: DevCrm | undefined;
beforeAll(async () => {
  db = await realPostgresDatabase();
}, 60_000);
afterAll(() => db.close());
beforeEach(() => resetDelivery(db));
afterEach(() => crm?.close());

const queueAt = (now: () => number) => createPostgresLeadQueue({ db, now, random: Math.random });
const recorded = (sink: DevCrm) => sink.arrivals().filter((arrival) => arrival.outcome === 'recorded');

describe('delivery under CRM faults (real PostgreSQL, real dev CRM)', () => {
  it('the CRM is down, then up: all delivered once, resumed within one pace interval of the cool-down', async () => {
    const clock = virtualClock();
    const recoversAt = clock.now() + 20_000;
    crm = await startDevCrm({ secret: crmSecret, now: clock.now });
    crm.setFaults(() => (clock.now() < recoversAt ? { kind: 'status', status: 503 } : undefined));
    const ids = await enqueueLeads(queueAt(clock.now), 30, 'outage', clock.now() - 100);
    const env = fastDeliveryEnv({
      LEADS_DELIVERY_RATE: '10',
      LEADS_DELIVERY_TIMEOUT_MS: '2000',
      LEADS_DELIVERY_BACKOFF_BASE_MS: '500',
      LEADS_DELIVERY_BACKOFF_MAX_MS: '2000',
      LEADS_CIRCUIT_COOLDOWN_MS: '5000',
    });
    const lines: DeliveryLogLine[] = [];
    const { worker } = testWorker(clock.db(db), crm, {
      env,
      lines,
      fetch: clock.fetch(),
      ...{ now: clock.now, sleep: clock.sleep },
    });
    const summary = await clock.run(worker.run({ timeBudgetMs: 120_000, whenIdle: 'retries' }));

    expect(summary.stoppedBecause).toBe('empty');
    expect(
      crm
        .received()
        .map((lead) => lead.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(recorded(crm)).toHaveLength(ids.length);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'circuit', state: 'open' }));
    // The circuit kept the outage from costing an attempt per lead.
    const faults = crm.arrivals().filter((arrival) => arrival.outcome === 'fault');
    expect(faults.length).toBeLessThan(ids.length);
    // The last failure (a probe) opened a cool-down; the next probe came when it ended, and the
    // drain went on within one pace interval (100 ms at 10/s).
    const lastFault = faults.at(-1)?.at ?? 0;
    const [probe, next] = recorded(crm);
    expect(probe?.at).toBe(lastFault + 5_000);
    expect(next?.at).toBeLessThanOrEqual((probe?.at ?? 0) + 100);
    expect(await queueAt(clock.now).status(clock.now())).toMatchObject({ depth: 0, deadLetters: 0 });
  }, 60_000);

  it('`leads:drain --watch` rides out the outage too: all delivered once, the circuit closed again', async () => {
    crm = await startDevCrm({ secret: crmSecret });
    let down = true;
    crm.setFaults(() => (down ? { kind: 'status', status: 503 } : undefined));
    const ids = await enqueueLeads(queueAt(Date.now), 20, 'watch', Date.now() - 100);
    const child = spawn(process.execPath, ['scripts/leads/drain.ts', '--watch', '--budget', '120'], {
      env: {
        ...process.env,
        NETLIFY_DB_URL: db.url,
        CRM_WEBHOOK_URL: crm.webhookUrl,
        CRM_WEBHOOK_SECRET: crmSecret,
        LEADS_DELIVERY_RATE: '50',
        LEADS_DELIVERY_BACKOFF_BASE_MS: '50',
        LEADS_DELIVERY_BACKOFF_MAX_MS: '200',
        LEADS_CIRCUIT_FAILURE_THRESHOLD: '3',
        LEADS_CIRCUIT_COOLDOWN_MS: '300',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((next) => setTimeout(next, 50));
    };
    await until(() => stderr.includes('"state":"open"'));
    down = false;
    await until(() => crm?.received().length === ids.length);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(recorded(crm)).toHaveLength(ids.length);
    expect(
      crm
        .received()
        .map((lead) => lead.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(stderr).toMatch(/"event":"circuit","state":"closed"/);
  }, 60_000);

  it('a worker killed mid-batch: its leases expire, the leads are redelivered and the CRM dedups them', async () => {
    crm = await startDevCrm({ secret: crmSecret });
    const ids = await enqueueLeads(queueAt(Date.now), 12, 'killed', Date.now() - 100);
    let killed = false;
    let successes = 0;
    // The CRM answers 200 to the fifth lead, and the process dies before any ack is written.
    const crmFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.ok && (successes += 1) === 5) killed = true;
      return response;
    };
    const doomed = testWorker(
      faultyClient(db, () => killed),
      crm,
      {
        fetch: crmFetch,
        env: fastDeliveryEnv({ LEADS_DELIVERY_CONCURRENCY: '1' }),
      },
    );
    await doomed.worker.run({ shouldStop: () => killed });
    expect(killed).toBe(true);
    const sentBeforeDeath = crm.received().length;

    // A minute later (by the next worker's clock) every lease has run out: it delivers everything.
    const { worker } = testWorker(db, crm, { now: () => Date.now() + 60_000 });
    expect(await worker.run()).toMatchObject({ stoppedBecause: 'empty' });
    expect(
      crm
        .received()
        .map((lead) => lead.id)
        .sort(),
    ).toEqual([...ids].sort());
    const duplicates = crm.arrivals().filter((arrival) => arrival.outcome === 'duplicate');
    expect(duplicates.length).toBeGreaterThanOrEqual(1);
    expect(duplicates.length).toBeLessThanOrEqual(sentBeforeDeath);
    expect(await queueAt(Date.now).depth()).toBe(0);
  }, 30_000);

  it('a permanent 4xx dead-letters the lead with the reason; redrive after the fix delivers it', async () => {
    crm = await startDevCrm({ secret: crmSecret });
    const queue = queueAt(Date.now);
    await enqueueLeads(queue, 3, 'bad', Date.now() - 100);
    const misconfigured = testWorker(db, crm, {
      crm: { url: crm.webhookUrl, secret: 'not-the-crms-secret' },
    });
    expect(await misconfigured.worker.run()).toMatchObject({ delivered: 0, dead: 3 });
    const letters = await queue.deadLetters();
    expect(letters[0]?.reason).toMatch(/^permanent error: HTTP 401: .*signature does not match/);
    // The circuit stays closed: the CRM is up, it is the request that is wrong.
    expect(misconfigured.lines).not.toContainEqual(expect.objectContaining({ event: 'circuit' }));
    expect((await queue.redrive('all')).redriven).toHaveLength(3);
    expect(await testWorker(db, crm).worker.run()).toMatchObject({ delivered: 3 });
    expect(crm.received()).toHaveLength(3);
  });
});
