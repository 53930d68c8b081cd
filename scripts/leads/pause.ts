/**
 * `npm run leads:pause -- --lane <urgent|normal|bulk> | --campaign <key> | --form <form id>`: stop
 * delivering a lane, a campaign or a form. The intake keeps accepting and storing its leads; every
 * other flow keeps its share of the pace (docs/delivery.md#pausing). `npm run leads:resume` undoes it.
 */
import { opsLog } from '../../src/lib/ops/ops-log.ts';
import { createPostgresLeadPauses } from '../../src/lib/queue/lead-pauses.ts';
import { PauseArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { pauseCliOptions, pauseUsage } from './pause-cli.ts';
import { parseCli, withLeadQueue } from './cli.ts';

const target = parseCli(PauseArgsSchema, pauseCliOptions, pauseUsage('leads:pause'));

await withLeadQueue(async ({ db, describe }) => {
  const { pausedAt, already } = await createPostgresLeadPauses({ db, now: Date.now }).pause(target);
  const since = new Date(pausedAt).toISOString();
  // The same audit line as /ops/'s button, on stderr so the output stays readable.
  opsLog((line) => console.error(line))({
    event: 'ops.action',
    action: 'pause',
    kind: target.kind,
    key: target.key,
    already,
    source: 'cli',
  });
  console.log(`Pause · ${describe}`);
  console.log(
    already
      ? `  ${target.kind} ${target.key} was already paused (since ${since})`
      : `  paused ${target.kind} ${target.key} at ${since}: its leads are stored, not delivered, until npm run leads:resume -- --${target.kind} ${target.key}`,
  );
});
