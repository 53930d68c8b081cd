import type { BacklogEstimate } from './backlog-model.ts';
import type { CampaignLane } from './lane-pace.ts';
import type { CapacityMeasurement } from './capacity.ts';
import type { Finding } from './finding.ts';
import { formatDuration, formatRate, formatRatio } from './format.ts';
import type { ReadinessPolicy } from './readiness-policy.ts';
import type { TrafficEstimate } from './traffic-model.ts';

// The findings about numbers (thresholds: readiness-policy.ts; table: docs/campaigns.md). Content
// flags are in content-flags.ts.
const hour = 3_600_000;
const day = 24 * hour;

/** At risk when the model lacks an input it needs to estimate the peak. */
export function trafficFindings(traffic: TrafficEstimate): Finding[] {
  if (traffic.missing.length === 0) return [];
  return [
    {
      severity: 'at-risk',
      code: 'traffic-incomplete',
      message: `the expected traffic is incomplete: fill in ${traffic.missing.join('; ')} in the campaign entry.`,
    },
  ];
}

/** Measured capacity against the expected peak, and whether the measurement can be trusted. */
export function capacityFindings(
  capacity: CapacityMeasurement | undefined,
  traffic: TrafficEstimate,
  headroom: number | undefined,
  policy: ReadinessPolicy,
  now: number,
  key: string,
): Finding[] {
  if (!capacity) {
    return [
      {
        severity: 'at-risk',
        code: 'capacity-unmeasured',
        message: `the lead endpoint has no capacity measurement: run \`npm run bench:leads\` or \`npm run loadtest -- --campaign ${key}\`.`,
      },
    ];
  }
  const findings: Finding[] = [];
  if (capacity.lost > 0 || capacity.duplicates > 0) {
    findings.push({
      severity: 'no-go',
      code: 'measurement-lost-leads',
      message: `the last measurement (${capacity.source}) lost ${capacity.lost} and duplicated ${capacity.duplicates} leads: fix that before any launch.`,
    });
  }
  const ageDays = (now - capacity.measuredAt) / day;
  if (ageDays > policy.capacityMaxAgeDays) {
    findings.push({
      severity: 'at-risk',
      code: 'capacity-stale',
      message: `the capacity measurement is ${Math.floor(ageDays)} days old: measure again with \`npm run bench:leads\`.`,
    });
  }
  if (headroom === undefined) return findings;
  const numbers = `capacity ${formatRate(capacity.leadsPerSecond)} leads/s vs expected peak ${formatRate(traffic.peakLeadsPerSecond)} leads/s (${formatRatio(headroom)})`;
  if (headroom < 1) {
    findings.push({
      severity: 'no-go',
      code: 'capacity-below-peak',
      message: `${numbers}: the endpoint cannot take the peak. Lower the peak (stagger the email send) or raise capacity, then measure again.`,
    });
  } else if (headroom < policy.headroom) {
    findings.push({
      severity: 'at-risk',
      code: 'capacity-near-peak',
      message: `${numbers}: less than the ${policy.headroom}× headroom wanted. Stagger the send or measure against production with \`npm run loadtest -- --url\`.`,
    });
  } else {
    findings.push({ severity: 'go', code: 'capacity-ok', message: `${numbers}.` });
  }
  return findings;
}

/** How long leads wait for the CRM at the configured pace, and whether it drains in time. */
export function deliveryFindings(
  backlog: BacklogEstimate | undefined,
  traffic: TrafficEstimate,
  lane: CampaignLane,
  policy: ReadinessPolicy,
  campaignMs: number,
): Finding[] {
  if (!backlog) return [];
  const findings: Finding[] = [];
  const delay =
    backlog.peakBacklog > 0
      ? `every lead reaches the CRM within ${formatDuration(backlog.maxLeadDelaySeconds)} (backlog peaks at ${Math.round(backlog.peakBacklog)} leads; the CRM has caught up ${formatDuration(backlog.caughtUpAfterSeconds)} after launch)`
      : `the worker keeps up with the peak: every lead reaches the CRM by the next scheduled run, within ${formatDuration(backlog.maxLeadDelaySeconds)}`;
  if (backlog.maxLeadDelaySeconds > policy.maxLeadDelayMinutes * 60 && lane.capPerSecond !== undefined) {
    findings.push({
      severity: 'at-risk',
      code: 'delivery-slow',
      message: `at ${formatRate(lane.capPerSecond)} leads/s (the campaign's maxDeliveriesPerSecond, below the ${lane.lane} lane's ${lane.sharePercent} % of the pace), ${delay}: longer than ${policy.maxLeadDelayMinutes} min. Raise the ticket's cap if the people following up can take it.`,
    });
  } else if (backlog.maxLeadDelaySeconds > policy.maxLeadDelayMinutes * 60) {
    findings.push({
      severity: 'at-risk',
      code: 'delivery-slow',
      message: `at ${formatRate(lane.pace.ratePerSecond)} leads/s (the ${lane.lane} lane's ${lane.sharePercent} % of the pace), ${delay}: longer than ${policy.maxLeadDelayMinutes} min. Raise LEADS_DELIVERY_RATE if the CRM can take it, or move the campaign's forms to a lane with a larger share.`,
    });
  } else {
    findings.push({ severity: 'go', code: 'delivery-ok', message: `${delay}.` });
  }
  if (backlog.caughtUpAfterSeconds * 1000 > campaignMs && traffic.leads > 0) {
    findings.push({
      severity: 'at-risk',
      code: 'delivery-after-end',
      message: `the queue drains only ${formatDuration(backlog.caughtUpAfterSeconds)} after launch, after the campaign has ended.`,
    });
  }
  return findings;
}

/** The dates: an end before the launch, and a launch close at hand with no readiness run. */
export function scheduleFindings(
  launchAt: number,
  endAt: number,
  lastRun: number | undefined,
  policy: ReadinessPolicy,
  now: number,
  key: string,
): Finding[] {
  const findings: Finding[] = [];
  if (endAt <= launchAt) {
    findings.push({
      severity: 'no-go',
      code: 'ends-before-launch',
      message: 'the end date is not after the launch date: correct the campaign entry.',
    });
  }
  const untilLaunch = launchAt - now;
  const recentRun = lastRun !== undefined && now - lastRun <= policy.readinessRunMaxAgeDays * day;
  if (untilLaunch >= 0 && untilLaunch <= policy.launchWarningHours * hour && !recentRun) {
    findings.push({
      severity: 'at-risk',
      code: 'no-readiness-run',
      message: `launches in ${formatDuration(untilLaunch / 1000)} with no readiness run in the last ${policy.readinessRunMaxAgeDays} days: run \`npm run loadtest -- --campaign ${key}\`.`,
    });
  }
  return findings;
}
