/**
 * `npm run leads:status [-- --json]`: queue depth, oldest lead, in flight, dead letters, spam,
 * last delivery, the circuit and the drainer, as a table for people or JSON (the health endpoint's shape) for machines.
 */
import { leadDeliveryHealth } from '../../src/lib/delivery/delivery-health.ts';
import { JsonFlagArgsSchema } from '../../src/schemas/delivery-cli.ts';
import type { DeliveryHealth } from '../../src/schemas/delivery-health.ts';
import { stdoutPalette } from '../cli/colour.ts';
import { humanDuration, parseCli, withLeadQueue } from './cli.ts';

const args = parseCli(JsonFlagArgsSchema, { json: { type: 'boolean' } }, 'npm run leads:status [-- --json]');

await withLeadQueue(async ({ db, describe }) => {
  const health = await leadDeliveryHealth(db, Date.now());
  if (args.json) console.log(JSON.stringify(health, null, 2));
  else printTable(health, describe);
});

function printTable(health: DeliveryHealth, source: string) {
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
    ['dead letters', health.deadLetters === 0 ? 0 : colour.bad(`${health.deadLetters} (npm run leads:dead)`)],
    ['spam (held)', health.spam === 0 ? 0 : `${health.spam} (npm run leads:spam)`],
    ['last delivery', ago(health.lastDeliveredAt)],
    ['circuit', circuit],
    ['drainer', health.drainer.until ? `running, lease until ${health.drainer.until}` : 'idle'],
  ];
  console.log(`Lead queue · ${source} · ${health.checkedAt}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(22)} ${value}`);
}
