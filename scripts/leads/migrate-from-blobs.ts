/**
 * `npm run leads:migrate-from-blobs`: the upgrade from the Blobs queue. Moves queued leads, dead
 * letters (with their attempts), spam and the delivered leads' keys from the Blobs store
 * `floodgate-leads` (the deployed site's with NETLIFY_SITE_ID + NETLIFY_AUTH_TOKEN, else the local
 * `.netlify/blobs-serve`) into the database, with a progress line, and prints what moved. Safe to run again: a lead
 * already in the database is skipped, so a site that upgrades loses nothing and doubles nothing.
 * The Blobs data is left in place; delete the store by hand once the counts look right.
 */
import { importBlobsQueue } from '../../src/lib/queue/blobs-import.ts';
import { progressLine } from '../cli/progress.ts';
import { blobsReaderFor, openScriptStore } from '../lib/blobs.ts';
import { withLeadQueue } from './cli.ts';

const LEGACY_LEAD_STORE = 'floodgate-leads';

const blobs = await openScriptStore(LEGACY_LEAD_STORE);
try {
  await withLeadQueue(async ({ db, describe }) => {
    console.log(`Moving leads · from Blobs ${blobs.describe} · to ${describe}`);
    const progress = progressLine();
    const counts = await importBlobsQueue(blobsReaderFor(blobs.store), db, (sofar) =>
      progress.update(
        Object.entries(sofar)
          .map(([label, count]) => `${label} ${count}`)
          .join(' · '),
      ),
    );
    progress.done();
    for (const [label, count] of Object.entries(counts)) console.log(`  ${label.padEnd(10)} ${count}`);
  });
} finally {
  await blobs.close();
}
