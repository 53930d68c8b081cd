/**
 * The outage phase of `npm run bench:leads -- --db-outage-seconds N`: a steady stream of leads,
 * with the database cut off (a TCP proxy in front of a real PostgreSQL goes silent: connections
 * hang, the worst kind of outage) for N seconds in the middle. The intake answers from the Blobs
 * outbox meanwhile (Netlify's own Blobs server, locally); afterwards the mover imports the outbox
 * and every answer is checked against what the queue holds:
 * `{ answered202, answered503, lost, duplicated }`.
 *
 * It runs the intake in this process (its composition is the lead function's: deadline, outbox
 * fallback, PostgreSQL queue), so its latencies are not the endpoint's; its counts are the point.
 */
import { randomUUID } from 'node:crypto';
import { benchLeadBody } from './bench-lead.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { startBlobsServer, blobsStore } from '../../tests/fixtures/blobs-server.ts';
import { startRealPostgres } from '../../tests/fixtures/real-postgres.ts';
import { startTcpProxy } from '../../tests/fixtures/tcp-proxy.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { moveOutbox } from '../../src/lib/outbox/move-outbox.ts';
import { withOutboxFallback } from '../../src/lib/outbox/outbox-fallback.ts';
import { blobsOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

export interface OutageOptions {
  /** How long the database is unreachable, in the middle of the stream. */
  outageSeconds: number;
  /** Seconds of traffic before and after the outage. */
  marginSeconds?: number;
  /** Leads per second offered (each a fresh visitor). */
  rate?: number;
  /** The intake's deadline for the database (LEADS_ENQUEUE_TIMEOUT_MS). */
  deadlineMs?: number;
  readFormRules: () => Promise<unknown>;
}

export interface OutageReport {
  outageSeconds: number;
  sent: number;
  answered202: number;
  answered503: number;
  otherStatuses: Record<string, number>;
  /** Answered 202 and not in the queue after the mover ran. */
  lost: number;
  /** Rows beyond one per accepted lead, or one id answered for two leads. */
  duplicated: number;
  /** Accepted while the database was away, via the outbox. */
  viaOutbox: number;
  /** The outbox after the mover: 0 when everything moved. */
  outboxLeft: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function runOutagePhase(options: OutageOptions): Promise<OutageReport> {
  const { outageSeconds, marginSeconds = 3, rate = 20, deadlineMs = 1000 } = options;
  const postgres = await startRealPostgres();
  const blobs = await startBlobsServer();
  const admin = new pg.Pool({ connectionString: postgres.url, max: 2 });
  await migrate(admin);
  const proxy = await startTcpProxy(postgres.url);
  const viaProxy = connectDatabase({ NETLIFY_DB_URL: proxy.url }, { connectTimeoutMs: deadlineMs });
  const outbox = blobsOutbox(() => blobsStore(blobs, 'lead-outbox'));
  const site = 'http://127.0.0.1';
  const env = parseEnv(
    LeadIntakeEnvSchema,
    {
      SITE_URL: site,
      LEADS_RATE_LIMIT_PER_MINUTE: '999999999',
      LEADS_ENQUEUE_TIMEOUT_MS: String(deadlineMs),
    },
    'bench:leads outage',
  );
  const queue = createPostgresLeadQueue({ db: viaProxy, now: Date.now, random: Math.random });
  let viaOutbox = 0;
  const endpoint = createLeadEndpoint({
    env,
    queue: withOutboxFallback(withEnqueueDeadline(queue, deadlineMs), outbox, () => (viaOutbox += 1)),
    readFormRules: options.readFormRules,
  });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const incoming = new Request(`${site}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: site },
        body: Buffer.concat(chunks),
      });
      void endpoint(incoming, { ip: '198.51.100.9' }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/leads`;

  const statuses = new Map<number, number>();
  const acceptedIds: string[] = [];
  const inFlight: Promise<void>[] = [];
  const send = async () => {
    const body = benchLeadBody({ email: `outage-${randomUUID()}@example.com`, firstName: 'Outage' });
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch(() => undefined);
    const status = answer?.status ?? 0;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 202) acceptedIds.push(((await answer!.json()) as { id: string }).id);
    else await answer?.body?.cancel();
  };
  /** Offer `rate` leads a second for `seconds`, without waiting for answers (visitors do not queue). */
  const stream = async (seconds: number) => {
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      inFlight.push(send());
      await sleep(1000 / rate);
    }
  };

  try {
    process.stdout.write(
      `outage phase: ${marginSeconds} s up, ${outageSeconds} s cut off, ${marginSeconds} s up ... `,
    );
    await stream(marginSeconds);
    proxy.goSilent();
    await stream(outageSeconds);
    proxy.resume();
    await stream(marginSeconds);
    await Promise.all(inFlight);
    // The mover, as the schedule runs it once the database answers again.
    const direct = createPostgresLeadQueue({
      db: connectDatabase({ NETLIFY_DB_URL: postgres.url }),
      now: Date.now,
      random: Math.random,
    });
    let move = await moveOutbox({ outbox, queue: direct });
    for (let run = 0; run < 5 && move.left > move.conflicts; run += 1)
      move = await moveOutbox({ outbox, queue: direct });

    const distinct = [...new Set(acceptedIds)];
    const { rows } = await admin.query<{ id: string }>('SELECT id FROM leads');
    const stored = new Set(rows.map((row) => row.id));
    const report: OutageReport = {
      outageSeconds,
      sent: [...statuses.values()].reduce((sum, count) => sum + count, 0),
      answered202: statuses.get(202) ?? 0,
      answered503: statuses.get(503) ?? 0,
      otherStatuses: Object.fromEntries(
        [...statuses].filter(([status]) => status !== 202 && status !== 503).map(([s, n]) => [String(s), n]),
      ),
      lost: distinct.filter((id) => !stored.has(id)).length,
      duplicated: acceptedIds.length - distinct.length + Math.max(0, rows.length - distinct.length),
      viaOutbox,
      outboxLeft: (await outbox.keys()).length,
    };
    console.log('done');
    return report;
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await viaProxy.close();
    await admin.end();
    await proxy.close();
    await blobs.stop();
    await postgres.stop();
  }
}

/** Run the phase and write its figures as `outage` into the results file `path` (kept otherwise). */
export async function mergeOutageReport(outageSeconds: number, path: string): Promise<void> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { defaultFormRulesFile } = await import('../../src/lib/leads/form-rules-source.ts');
  if (!Number.isInteger(outageSeconds) || outageSeconds < 1)
    throw new Error('--db-outage-seconds must be a whole number of seconds, at least 1');
  const outage = await runOutagePhase({
    outageSeconds,
    readFormRules: async (): Promise<unknown> => JSON.parse(await readFile(defaultFormRulesFile, 'utf8')),
  });
  console.table([outage]);
  const earlier = await readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as Record<string, unknown>,
    () => ({}),
  );
  const measuredAt = new Date().toISOString();
  await writeFile(path, `${JSON.stringify({ ...earlier, outage: { measuredAt, ...outage } }, null, 2)}\n`);
  console.log(`outage figures written to ${path}`);
}
