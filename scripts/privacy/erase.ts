/**
 * `npm run privacy:erase -- --email <address> [--yes]`: erase one address everywhere (every lead
 * in any state, attempts, consent records, outbox copies) in one transaction, keep a tombstone
 * (keyed hash and time, no address) that stops anything submitted before it, and queue a signed
 * `lead.erased` event for the CRM. Asks for the address again unless --yes. docs/privacy.md.
 */
import { createInterface } from 'node:readline/promises';
import { eraseSubject } from '../../src/lib/privacy/erase-subject.ts';
import { normalizeAddress } from '../../src/lib/privacy/normalize-address.ts';
import { auditLog, parseSubjectArgs, withSubjectStores } from './subject-cli.ts';

const usage = 'npm run privacy:erase -- --email <address> [--yes]';
const args = parseSubjectArgs(usage);

if (!args.yes) {
  if (!process.stdin.isTTY) {
    console.error(`Erasing cannot be undone: pass --yes to erase without being asked.\nUsage: ${usage}`);
    process.exit(2);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const again = await prompt.question(`Erase everything held about ${args.email}? Type the address again: `);
  prompt.close();
  if (normalizeAddress(again) !== args.email) {
    console.error('Not the same address: nothing erased.');
    process.exit(1);
  }
}

await withSubjectStores(async (deps, where) => {
  const result = await eraseSubject({ ...deps, source: 'cli', log: auditLog }, args.email);
  const leads = Object.entries(result.leads).map(([state, count]) => `${count} ${state}`);
  console.log(`Erased · ${where.db.describe} · ${result.erasedAt} · ${result.erasureId}`);
  console.log(`  leads        ${leads.length ? leads.join(', ') : 'none held'}`);
  console.log(`  attempts     ${result.attempts}`);
  const outboxNote = result.outboxNotRead
    ? ` (${result.outboxNotRead}: the mover stops any copy)`
    : result.outboxLeft
      ? ` (${result.outboxLeft} not deleted now: the mover stops them)`
      : '';
  console.log(`  outbox       ${result.outbox}${outboxNote}`);
  console.log('  tombstone    kept (keyed hash and time, no address): earlier copies are never delivered');
  console.log('  CRM          lead.erased event queued; the delivery worker sends and retries it');
});
