/**
 * `npm run campaign:ready [campaign]`: is each upcoming campaign ready? Weighs the expected peak
 * against the measured capacity and the delivery pace, checks the content, and writes the answer
 * as Markdown and as a self-contained HTML page with charts (reports/, not committed).
 *
 *   npm run campaign:ready                         every campaign that has not ended
 *   npm run campaign:ready -- winter-sale-2026     one campaign (key or entry id)
 *   npm run campaign:ready -- --now 2026-12-01T06:00Z --max-delay 30 --headroom 3
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assessCampaigns, findCampaign, upcomingCampaigns } from '../../src/lib/campaigns/assess-site.ts';
import { chartJsSource } from '../campaign-reports/chart-js-source.ts';
import { readEvidence } from '../../src/lib/campaigns/evidence.ts';
import { readinessHtml } from '../campaign-reports/readiness-html.ts';
import { readinessMarkdown } from '../campaign-reports/readiness-markdown.ts';
import { summaryLine } from '../../src/lib/campaigns/summary-line.ts';
import { untrackedFormLine, untrackedForms } from '../../src/lib/campaigns/review/untracked-forms.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { BuildEnvSchema } from '../../src/schemas/build-env.ts';
import { CampaignEnvSchema } from '../../src/schemas/campaign-env.ts';
import { ReadyArgsSchema } from '../../src/schemas/campaign-cli.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { paintVerdict, stderrPalette, stdoutPalette } from '../cli/colour.ts';
import { commandSettings } from '../cli/settings.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    content: { type: 'string' },
    out: { type: 'string' },
    results: { type: 'string' },
    now: { type: 'string' },
    headroom: { type: 'string' },
    'max-delay': { type: 'string' },
  },
});
const parsedArgs = ReadyArgsSchema.safeParse({
  ...values,
  maxDelay: values['max-delay'],
  campaign: positionals[0],
});
if (!parsedArgs.success) {
  for (const issue of parsedArgs.error.issues)
    console.error(`campaign:ready: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const args = parsedArgs.data;
const env = commandSettings(CampaignEnvSchema, 'npm run campaign:ready');
const contentFile = args.content ?? commandSettings(BuildEnvSchema, 'npm run campaign:ready').CONTENT_FILE;
const now = args.now ?? Date.now();

const site = mapSpace(SpaceExportSchema.parse(JSON.parse(await readFile(contentFile, 'utf8'))));
let campaigns = upcomingCampaigns(site.campaigns, now);
if (args.campaign) {
  const wanted = findCampaign(site.campaigns, args.campaign);
  if (!wanted) {
    const known = site.campaigns.map(({ campaign }) => campaign.key).join(', ') || 'none';
    console.error(`campaign:ready: no campaign "${args.campaign}" in ${contentFile} (campaigns: ${known})`);
    process.exit(2);
  }
  campaigns = [wanted];
}

const evidence = readEvidence([args.results, args.out]);
for (const problem of evidence.problems) console.warn(`${stderrPalette().warn('warning')}: ${problem}`);
const policy = {
  ...(args.headroom === undefined ? {} : { headroom: args.headroom }),
  ...(args.maxDelay === undefined ? {} : { maxLeadDelayMinutes: args.maxDelay }),
};
const readinesses = assessCampaigns(site, campaigns, { evidence, env, now, policy });

const verdictColour = paintVerdict(stdoutPalette());
for (const readiness of readinesses) console.log(summaryLine(readiness, now, verdictColour));
if (readinesses.length === 0) console.log(`no upcoming campaigns in ${contentFile}`);
const untracked = untrackedForms(formConfigsFrom(site.pages), site.campaigns, now);
for (const form of untracked) console.log(`${stdoutPalette().warn('no ticket')}: ${untrackedFormLine(form)}`);
await mkdir(args.out, { recursive: true });
const base = join(args.out, `campaign-readiness${args.campaign ? `-${campaigns[0].campaign.key}` : ''}`);
await writeFile(`${base}.md`, readinessMarkdown(readinesses, now, untracked));
await writeFile(`${base}.html`, readinessHtml(readinesses, now, await chartJsSource(), untracked));
console.log(`report: ${base}.md and ${base}.html`);
