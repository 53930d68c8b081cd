/**
 * `npm run campaign:review`: the launch review. For each upcoming campaign, the message the on-call
 * reviewer gets (campaign, launch, expected volume, target pages, readiness verdict, data fields no
 * earlier form collected), and the live forms no launch ticket covers. With `--send`, each ticket
 * published or changed since its last review is sent to ALERT_WEBHOOK_URL (signed, as alerts are),
 * once however many runs race: run it after each content build or on a schedule.
 *
 *   npm run campaign:review                       print the reviews (dry run)
 *   npm run campaign:review -- winter-sale-2026   one campaign
 *   npm run campaign:review -- --send             send the new or changed ones
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assessCampaigns, findCampaign, upcomingCampaigns } from '../../src/lib/campaigns/assess-site.ts';
import { readEvidence } from '../../src/lib/campaigns/evidence.ts';
import { launchReviews } from '../../src/lib/campaigns/review/launch-reviews.ts';
import { reviewTicketOf, reviewTickets } from '../../src/lib/campaigns/review/review-tickets.ts';
import { untrackedFormLine, untrackedForms } from '../../src/lib/campaigns/review/untracked-forms.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { sendAlert } from '../../src/lib/ops/alert-webhook.ts';
import { BuildEnvSchema } from '../../src/schemas/build-env.ts';
import { CampaignEnvSchema } from '../../src/schemas/campaign-env.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { commandSettings } from '../cli/settings.ts';
import { openScriptDatabase } from '../lib/local-database.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { content: { type: 'string' }, send: { type: 'boolean' }, now: { type: 'string' } },
});
const now = values.now === undefined ? Date.now() : Date.parse(values.now);
if (Number.isNaN(now)) {
  console.error('campaign:review: --now takes a date and time, e.g. 2026-12-01T08:00Z');
  process.exit(2);
}
const contentFile = values.content ?? commandSettings(BuildEnvSchema, 'npm run campaign:review').CONTENT_FILE;
const site = mapSpace(SpaceExportSchema.parse(JSON.parse(await readFile(contentFile, 'utf8'))));
let campaigns = upcomingCampaigns(site.campaigns, now);
if (positionals[0]) {
  const wanted = findCampaign(site.campaigns, positionals[0]);
  if (!wanted) {
    console.error(`campaign:review: no campaign "${positionals[0]}" in ${contentFile}`);
    process.exit(2);
  }
  campaigns = [wanted];
}
const env = commandSettings(CampaignEnvSchema, 'npm run campaign:review');
const readinesses = assessCampaigns(site, campaigns, { evidence: readEvidence(), env, now });
const reviews = launchReviews(site, readinesses);

for (const review of reviews) {
  // The message's Slack emoji mean nothing in a terminal.
  console.log(review.message.text.replace(/^:[a-z_]+: /, ''));
  console.log(`  new data fields: ${review.newFields.fields.join(', ') || 'none'}`);
  if (review.newFields.undeclared.length > 0)
    console.log(`  not declared on the ticket: ${review.newFields.undeclared.join(', ')}`);
}
const untracked = untrackedForms(formConfigsFrom(site.pages), site.campaigns, now);
for (const form of untracked) console.log(untrackedFormLine(form));
if (reviews.length === 0) console.log(`no upcoming campaigns in ${contentFile}`);

if (values.send) {
  const ops = commandSettings(OpsEnvSchema, 'npm run campaign:review -- --send');
  if (!ops.ALERT_WEBHOOK_URL || !ops.ALERT_WEBHOOK_SECRET) {
    console.error('campaign:review --send: ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET must be set');
    process.exit(2);
  }
  const hook = {
    url: ops.ALERT_WEBHOOK_URL,
    secret: ops.ALERT_WEBHOOK_SECRET,
    fetch: globalThis.fetch,
    now: Date.now,
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
  const db = await openScriptDatabase();
  const results = await reviewTickets({
    db,
    tickets: reviews.map(reviewTicketOf),
    now,
    send: (message) => sendAlert(hook, message),
  }).finally(() => db.close());
  for (const result of results)
    console.log(`${result.campaign}: ${result.result}${result.error ? ` (${result.error})` : ''}`);
  if (results.some((result) => result.result === 'failed')) process.exitCode = 1;
}
