/**
 * `npm run leads:status [-- --json]`: queue depth, oldest lead, in flight, dead letters, spam,
 * last delivery, the circuit and the drainer, then each lane's depth, share and paused flows, and the
 * campaigns whose launch ticket sets a delivery weight or cap, as a table for people or JSON (the
 * health endpoint's shape plus `lanes`, `pauses` and `tickets`) for machines.
 */
import { leadDeliveryHealth } from '../../src/lib/delivery/delivery-health.ts';
import { laneDepths, type FlowDepth, type LaneDepth } from '../../src/lib/queue/lane-depths.ts';
import { flowDepthSql, listTicketsSql } from '../../src/lib/queue/lane-sql.ts';
import { createPostgresLeadPauses, type Pause } from '../../src/lib/queue/lead-pauses.ts';
import { JsonFlagArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { LaneSharesEnvSchema } from '../../src/schemas/delivery-lanes.ts';
import type { DeliveryHealth } from '../../src/schemas/delivery-health.ts';
import { outboxCount } from '../../src/lib/outbox/outbox-count.ts';
import { blobsOutbox, OUTBOX_STORE_NAME } from '../../src/lib/outbox/outbox-store.ts';
import { openScriptStore } from '../lib/blobs.ts';
import { stdoutPalette } from '../cli/colour.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { privacyRows, privacyStatus, type PrivacyStatus } from '../../src/lib/privacy/privacy-status.ts';
import { PrivacyEnvSchema } from '../../src/schemas/privacy-env.ts';
import { humanDuration, parseCli, withLeadQueue } from './cli.ts';
import { describeDoiFigures, readDoiFigures, type DoiFigures } from '../../src/lib/doi/doi-figures.ts';

const args = parseCli(JsonFlagArgsSchema, { json: { type: 'boolean' } }, 'npm run leads:status [-- --json]');
const privacyEnv = parseEnv(PrivacyEnvSchema, process.env, 'leads:status');
const shares = LaneSharesEnvSchema.safeParse(process.env.LEADS_LANE_SHARES);
if (!shares.success) {
  console.error(shares.error.issues.map((issue) => issue.message).join('; '));
  process.exit(2);
}

await withLeadQueue(async ({ db, describe }) => {
  const health = await leadDeliveryHealth(db, Date.now());
  const pauses = await createPostgresLeadPauses({ db, now: Date.now }).list();
  const { rows } = await db.query<{ lane: string; group_key: string; form_id: string; depth: number }>(
    flowDepthSql,
  );
  const flows: FlowDepth[] = rows.map((row) => ({
    lane: row.lane,
    group: row.group_key,
    formId: row.form_id,
    depth: row.depth,
  }));
  const lanes = laneDepths(flows, pauses, shares.data);
  const tickets = (
    await db.query<{ group_key: string; weight: number; max_per_second: number | null }>(listTicketsSql)
  ).rows.map((row) => ({ campaign: row.group_key, weight: row.weight, maxPerSecond: row.max_per_second }));
  // Leads the intake wrote to Blobs while the database was away (src/lib/outbox), not yet moved.
  let close = async () => {};
  const outbox = await outboxCount(async () => {
    const opened = await openScriptStore(OUTBOX_STORE_NAME);
    close = opened.close;
    return blobsOutbox(() => opened.store);
  });
  await close();
  const doubleOptIn = await readDoiFigures(db, Date.now());
  const privacy = await privacyStatus(db, Date.now(), privacyEnv.LEADS_DEAD_RETENTION_DAYS);
  if (args.json)
    console.log(
      JSON.stringify(
        { ...health, outbox, doubleOptIn, lanes, pauses: pauses.map(pauseJson), tickets, privacy },
        null,
        2,
      ),
    );
  else printTable(health, { lanes, pauses, outbox, doubleOptIn, tickets, privacy }, describe);
});

function pauseJson(pause: Pause) {
  return { kind: pause.kind, key: pause.key, pausedAt: new Date(pause.pausedAt).toISOString() };
}

interface QueueExtras {
  privacy: PrivacyStatus;
  lanes: LaneDepth[];
  pauses: Pause[];
  /** Leads waiting in the Blobs outbox, or why they could not be counted. */
  outbox: number | string;
  doubleOptIn: DoiFigures;
  /** Campaigns with a delivery weight or cap from their launch ticket. */
  tickets: { campaign: string; weight: number; maxPerSecond: number | null }[];
}

function printTable(
  health: DeliveryHealth,
  { lanes, pauses, outbox, doubleOptIn, tickets, privacy }: QueueExtras,
  source: string,
) {
  const ago = (iso: string | null) =>
    iso ? `${iso} (${humanDuration(Date.now() - Date.parse(iso))} ago)` : 'none within the retention window';
  const colour = stdoutPalette();
  const circuitColour = { closed: colour.good, 'half-open': colour.warn, open: colour.bad }[
    health.circuit.state
  ];
  const circuit = circuitColour(
    health.circuit.until ? `${health.circuit.state} until ${health.circuit.until}` : health.circuit.state,
  );
  const rows: [string, string | number][] = [
    ['queued (depth)', health.depth],
    ['  waiting', health.waiting],
    ['  retrying (backoff)', health.retrying],
    ['  in flight', health.inFlight],
    [
      'oldest lead',
      health.oldestAgeSeconds === null ? 'queue is empty' : humanDuration(health.oldestAgeSeconds * 1000),
    ],
    ['outbox (Blobs)', outbox === 0 ? 0 : `${outbox} (moved into the queue once the database answers)`],
    ['dead letters', health.deadLetters === 0 ? 0 : colour.bad(`${health.deadLetters} (npm run leads:dead)`)],
    ['spam (held)', health.spam === 0 ? 0 : `${health.spam} (npm run leads:spam)`],
    ['unconfirmed (opt-in)', describeDoiFigures(doubleOptIn, humanDuration)],
    ...privacyRows(privacy, colour),
    ['last delivery', ago(health.lastDeliveredAt)],
    ['circuit', circuit],
    ['drainer', health.drainer.until ? `running, lease until ${health.drainer.until}` : 'idle'],
  ];
  for (const lane of lanes) {
    const paused = lane.paused > 0 ? `, ${lane.paused} paused` : '';
    rows.push([`lane ${lane.lane} (${lane.laneShare} %)`, `${lane.depth} queued${paused}`]);
    for (const flow of lane.pausedFlows)
      rows.push([
        `  ${flow.group || '(no group)'} · ${flow.formId || '?'}`,
        `${flow.depth} held by ${flow.by}`,
      ]);
  }
  for (const pause of pauses)
    rows.push([`paused ${pause.kind}`, `${pause.key} since ${new Date(pause.pausedAt).toISOString()}`]);
  for (const ticket of tickets) {
    const cap = ticket.maxPerSecond === null ? 'no cap' : `at most ${ticket.maxPerSecond}/s`;
    rows.push([`campaign ${ticket.campaign}`, `weight ${ticket.weight}, ${cap}`]);
  }
  console.log(`Lead queue · ${source} · ${health.checkedAt}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(22)} ${value}`);
}
