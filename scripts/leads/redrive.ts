/**
 * `npm run leads:redrive -- --id <lead id> [--id …] | --all`: put dead letters back on the queue
 * (due now, fresh attempt count). Idempotent, and safe while the worker runs: an id that is no
 * longer dead is reported and left alone.
 */
import { RedriveArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { parseCli, withLeadQueue } from './cli.ts';

const usage = 'npm run leads:redrive -- --id <lead id> [--id <lead id> …] | --all';
const args = parseCli(
  RedriveArgsSchema,
  { id: { type: 'string', multiple: true }, all: { type: 'boolean' } },
  usage,
);

await withLeadQueue(async ({ queue, describe }) => {
  const targets = args.all ? (['all'] as const) : args.id.map((id) => ({ id }));
  const redriven: string[] = [];
  const notFound: string[] = [];
  for (const target of targets) {
    const result = await queue.redrive(target);
    redriven.push(...result.redriven);
    notFound.push(...result.notFound);
  }
  console.log(`Redrive · ${describe}`);
  console.log(`  back on the queue: ${redriven.length}${redriven.length ? ` (${redriven.join(', ')})` : ''}`);
  if (notFound.length) console.log(`  not dead letters (already redriven?): ${notFound.join(', ')}`);
});
