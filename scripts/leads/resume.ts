/**
 * `npm run leads:resume -- --lane <urgent|normal|bulk> | --campaign <key> | --form <form id>`:
 * deliver a paused lane, campaign or form again. Its waiting leads rejoin at their fair share, not
 * ahead of the others by the time they were paused.
 */
import { opsLog } from '../../src/lib/ops/ops-log.ts';
import { createPostgresLeadPauses } from '../../src/lib/queue/lead-pauses.ts';
import { PauseArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { pauseCliOptions, pauseUsage } from './pause-cli.ts';
import { parseCli, withLeadQueue } from './cli.ts';

const target = parseCli(PauseArgsSchema, pauseCliOptions, pauseUsage('leads:resume'));

await withLeadQueue(async ({ db, describe }) => {
  const resumed = await createPostgresLeadPauses({ db, now: Date.now }).resume(target);
  // The same audit line as /ops/'s button, on stderr so the output stays readable.
  opsLog((line) => console.error(line))({
    event: 'ops.action',
    action: 'resume',
    kind: target.kind,
    key: target.key,
    resumed,
    source: 'cli',
  });
  console.log(`Resume · ${describe}`);
  console.log(
    resumed
      ? `  resumed ${target.kind} ${target.key}: its leads are delivered again`
      : `  ${target.kind} ${target.key} was not paused: nothing to do`,
  );
});
