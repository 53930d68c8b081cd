/**
 * `npm run campaign:report`: how did a campaign go? Leads per form, locale and source, spam,
 * refusals, the peak per minute against the launch ticket's forecast, time to CRM (p50/p95/max,
 * exact), dead letters and a verdict against the ticket, read from the ops rollups (they outlive
 * the leads' personal data). Writes HTML, JSON and CSV to reports/ (not committed); no PII in any.
 *
 *   npm run campaign:report                               every campaign, plus forms outside any
 *   npm run campaign:report -- winter-sale-2026           one campaign (key or entry id)
 *   npm run campaign:report -- --campaign winter-sale-2026 --from 2026-12-07T18:00Z --to 2026-12-07T19:00Z --json
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findCampaign } from '../../src/lib/campaigns/assess-site.ts';
import { outcomeReport } from '../../src/lib/campaigns/outcome/outcome-report.ts';
import { outcomeSummaryLine } from '../../src/lib/campaigns/outcome/summary.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { BuildEnvSchema } from '../../src/schemas/build-env.ts';
import { ReportArgsSchema } from '../../src/schemas/campaign-report-cli.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { writeOutcomeReport } from '../campaign-reports/write-outcome.ts';
import { commandSettings } from '../cli/settings.ts';
import { openScriptDatabase } from '../lib/local-database.ts';

const usage = 'npm run campaign:report -- [<campaign>] [--from <iso>] [--to <iso>] [--json] [--out reports]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    campaign: { type: 'string' },
    content: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    headroom: { type: 'string' },
    'max-delay': { type: 'string' },
  },
});
const parsed = ReportArgsSchema.safeParse({
  ...values,
  maxDelay: values['max-delay'],
  campaign: values.campaign ?? positionals[0],
});
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`campaign:report: ${issue.path.join('.')}: ${issue.message}`);
  console.error(`Usage: ${usage}`);
  process.exit(2);
}
const args = parsed.data;
const contentFile = args.content ?? commandSettings(BuildEnvSchema, 'npm run campaign:report').CONTENT_FILE;
const site = mapSpace(SpaceExportSchema.parse(JSON.parse(await readFile(contentFile, 'utf8'))));
let campaigns = site.campaigns;
if (args.campaign) {
  const wanted = findCampaign(site.campaigns, args.campaign);
  if (!wanted) {
    const known = site.campaigns.map(({ campaign }) => campaign.key).join(', ') || 'none';
    console.error(`campaign:report: no campaign "${args.campaign}" in ${contentFile} (campaigns: ${known})`);
    process.exit(2);
  }
  campaigns = [wanted];
}

const now = args.now ?? Date.now();
const db = await openScriptDatabase();
const report = await outcomeReport(db, campaigns, {
  from: args.from,
  to: args.to,
  now,
  includeUnclaimed: !args.campaign,
  policy: {
    ...(args.headroom === undefined ? {} : { headroom: args.headroom }),
    ...(args.maxDelay === undefined ? {} : { maxLeadDelayMinutes: args.maxDelay }),
  },
}).finally(() => db.close());

const name = `campaign-outcome${args.campaign ? `-${campaigns[0].campaign.key}` : ''}`;
const base = await writeOutcomeReport(report, args.out, name);
if (args.json) console.log(JSON.stringify(report, null, 2));
else {
  for (const outcome of report.campaigns) console.log(outcomeSummaryLine(outcome));
  console.log(`report: ${base}.html, .json, .csv and -sources.csv`);
}
