/**
 * `npm run privacy:export -- --email <address>`: everything held about one address as JSON on
 * stdout (leads in every state, their delivery attempts and consent records, outbox copies,
 * erasures), for a data-subject access request. The request is logged on stderr without the address.
 */
import { exportSubject } from '../../src/lib/privacy/export-subject.ts';
import { auditLog, parseSubjectArgs, withSubjectStores } from './subject-cli.ts';

const args = parseSubjectArgs('npm run privacy:export -- --email <address>');

await withSubjectStores(async (deps, where) => {
  const found = await exportSubject(deps, args.email);
  console.log(
    JSON.stringify({ ...found, source: { database: where.db.describe, outbox: where.outbox } }, null, 2),
  );
  const outbox = Array.isArray(found.outbox) ? found.outbox.length : 'not read';
  auditLog({ event: 'privacy.export', leads: found.leads.length, outbox, erasures: found.erasures.length });
});
