/**
 * `npm run leads:spam [-- --json]`: submissions the spam checks held apart, with why (score and
 * signals). `-- --release <id> [--release <id> …]` or `-- --all` puts them on the queue as leads,
 * due at once. Releasing is idempotent and safe while the worker runs. Nothing is ever deleted here;
 * spam is purged only after LEADS_SPAM_RETENTION_DAYS.
 */
import { SpamArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { parseCli, withLeadQueue } from './cli.ts';

const usage = 'npm run leads:spam [-- --json] | -- --release <lead id> [--release <id> …] | -- --all';
const args = parseCli(
  SpamArgsSchema,
  { json: { type: 'boolean' }, release: { type: 'string', multiple: true }, all: { type: 'boolean' } },
  usage,
);
const iso = (ms: number) => new Date(ms).toISOString();

await withLeadQueue(async ({ queue, describe }) => {
  if (args.all || args.release.length > 0) {
    const targets = args.all ? (['all'] as const) : args.release.map((id) => ({ id }));
    const released: string[] = [];
    const notFound: string[] = [];
    for (const target of targets) {
      const result = await queue.releaseSpam(target);
      released.push(...result.redriven);
      notFound.push(...result.notFound);
    }
    console.log(`Spam release · ${describe}`);
    console.log(
      `  released into the queue: ${released.length}${released.length ? ` (${released.join(', ')})` : ''}`,
    );
    if (notFound.length) console.log(`  not held as spam (already released?): ${notFound.join(', ')}`);
    return;
  }
  const held = (await queue.spamLeads()).map(({ id, receivedAt, payload, spam }) => ({
    id,
    receivedAt: iso(receivedAt),
    formId: typeof payload.formId === 'string' ? payload.formId : null,
    score: spam?.score ?? null,
    signals: spam?.signals ?? [],
  }));
  if (args.json) return console.log(JSON.stringify(held, null, 2));
  console.log(`Spam · ${describe} · ${held.length} held`);
  for (const lead of held) {
    console.log(
      `  ${lead.id}  ${lead.receivedAt}  form ${lead.formId ?? '?'}  score ${lead.score ?? '?'}  ${lead.signals.join(', ')}`,
    );
  }
  if (held.length > 0)
    console.log('\nA real sign-up among them? npm run leads:spam -- --release <id> | --all');
});
