/**
 * `npm run leads:dead [-- --json]`: every dead letter with its reason and each attempt's status and
 * error. Read-only, so safe while the worker runs. Lead payloads (PII) are never printed.
 */
import { JsonFlagArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { parseCli, withLeadQueue } from './cli.ts';

const args = parseCli(JsonFlagArgsSchema, { json: { type: 'boolean' } }, 'npm run leads:dead [-- --json]');
const iso = (ms: number) => new Date(ms).toISOString();

await withLeadQueue(async ({ queue, describe }) => {
  const letters = (await queue.deadLetters()).map(({ id, receivedAt, deadAt, reason, attempts }) => ({
    id,
    receivedAt: iso(receivedAt),
    deadAt: iso(deadAt),
    reason,
    attempts: attempts.map((attempt) => ({ ...attempt, at: iso(attempt.at) })),
  }));
  if (args.json) return console.log(JSON.stringify(letters, null, 2));
  console.log(`Dead letters · ${describe} · ${letters.length}`);
  for (const letter of letters) {
    console.log(`\n${letter.id}  received ${letter.receivedAt}  dead ${letter.deadAt}`);
    console.log(`  reason: ${letter.reason}`);
    for (const [index, attempt] of letter.attempts.entries()) {
      console.log(
        `  #${index + 1} ${attempt.at} ${attempt.status}${attempt.error ? ` ${attempt.error}` : ''}`,
      );
    }
  }
  if (letters.length > 0) console.log('\nPut them back: npm run leads:redrive -- --id <id> | --all');
});
