import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import type { MappedCampaign } from '../../src/lib/campaigns/map-campaigns.ts';
import { readDeliveryRecords, sameTimeToCrm } from '../../src/lib/campaigns/outcome/delivery-records.ts';
import { outcomeReport } from '../../src/lib/campaigns/outcome/outcome-report.ts';
import { campaignScope } from '../../src/lib/campaigns/outcome/outcome-scope.ts';
import { outcomeSummaryLine } from '../../src/lib/campaigns/outcome/summary.ts';
import { writeOutcomeReport } from '../campaign-reports/write-outcome.ts';

/**
 * After a campaign load test: the post-campaign report of the run (what `campaign:report --from
 * <start> --to <end>` gives), written next to the load test report, and its time to CRM checked
 * against the delivery records still in the run's database. Answers false when they differ.
 */
export async function loadTestOutcome(input: {
  db: OwnedSqlClient;
  mapped: MappedCampaign;
  from: number;
  to: number;
  out: string;
  log: (line: string) => void;
}): Promise<boolean> {
  const { db, mapped, from, to } = input;
  const report = await outcomeReport(db, [mapped], { from, to, now: to, includeUnclaimed: false });
  const base = await writeOutcomeReport(
    report,
    input.out,
    `campaign-outcome-loadtest-${mapped.campaign.key}`,
  );
  const [outcome] = report.campaigns;
  if (!outcome) return true;
  const scope = campaignScope(
    { launchAt: from, endAt: to, forms: mapped.campaign.forms },
    { from, to, now: to },
  );
  const records = await readDeliveryRecords(db, scope);
  const { meanSeconds: _, ...figures } = outcome.timeToCrm;
  const same = sameTimeToCrm(figures, records);
  input.log(`\n${outcomeSummaryLine(outcome)}`);
  input.log(
    `time to CRM vs the delivery records (${records.count} delivered): ` +
      (same ? 'identical' : `DIFFERENT (records: ${JSON.stringify(records)})`),
  );
  input.log(`campaign report: ${base}.html`);
  return same;
}
