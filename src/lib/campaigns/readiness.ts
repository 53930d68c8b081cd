import type { Campaign } from '../../schemas/campaign.ts';
import { defaultLaneShares, type LaneShares } from '../../schemas/delivery-lanes.ts';
import { formConfigsFrom } from '../leads/form-configs.ts';
import type { LocalizedPage } from '../content/map-space.ts';
import {
  estimateBacklog,
  rateForMaxDelay,
  type BacklogEstimate,
  type DeliveryPace,
} from './backlog-model.ts';
import type { CapacityMeasurement } from './capacity.ts';
import { contentFlags } from './content-flags.ts';
import { verdictOf, type Finding, type Verdict } from './finding.ts';
import { campaignLane, wholePaceFor, type CampaignLane } from './lane-pace.ts';
import { knobsFor, type IntakeSettings, type Knob } from './knobs.ts';
import type { MappedCampaign } from './map-campaigns.ts';
import {
  capacityFindings,
  deliveryFindings,
  scheduleFindings,
  trafficFindings,
} from './readiness-findings.ts';
import { defaultReadinessPolicy, type ReadinessPolicy } from './readiness-policy.ts';
import { estimateTraffic, type TrafficEstimate } from './traffic-model.ts';

/** Everything the verdict weighs, gathered by the caller (the CLI, the build summary, a test). */
export interface ReadinessInputs {
  mapped: MappedCampaign;
  /** The site's built pages, to find the campaign's forms. */
  pages: readonly LocalizedPage[];
  capacity: CapacityMeasurement | undefined;
  pace: DeliveryPace;
  /** The lead function's launch-day settings (kill switch, rate limit). */
  intake: IntakeSettings;
  /** `LEADS_LANE_SHARES`: the campaign is judged by its lane's share of `pace` (default 70/25/5). */
  laneShares?: LaneShares;
  /** Epoch ms of every load test that replayed this campaign. */
  readinessRuns: readonly number[];
  now: number;
  policy?: Partial<ReadinessPolicy>;
}

/** The answer to "is this campaign ready?", with the numbers behind it. */
export interface Readiness {
  campaign: Campaign;
  verdict: Verdict;
  findings: Finding[];
  knobs: Knob[];
  traffic: TrafficEstimate;
  /** Undefined when the traffic cannot be estimated. */
  backlog: BacklogEstimate | undefined;
  capacity: CapacityMeasurement | undefined;
  /** Capacity over expected peak lead rate. */
  headroom: number | undefined;
  launchAt: number;
  endAt: number;
  lastReadinessRun: number | undefined;
  /** The whole pace (all lanes together). */
  pace: DeliveryPace;
  /** The campaign's lane and the part of the pace guaranteed to it, which the forecast uses. */
  lane: CampaignLane;
  policy: ReadinessPolicy;
}

/** Judge one campaign: go, at-risk or no-go, with every reason and the knobs to turn. */
export function assessReadiness(inputs: ReadinessInputs): Readiness {
  const { campaign } = inputs.mapped;
  const policy = { ...defaultReadinessPolicy, ...inputs.policy };
  const traffic = estimateTraffic(campaign);
  const launchAt = Date.parse(campaign.launchAt);
  const endAt = Date.parse(campaign.endAt);
  const estimable = traffic.peakLeadsPerSecond > 0;
  const shares = inputs.laneShares ?? defaultLaneShares;
  // Other lanes may take their share at the same moment: only the lane's own share is certain.
  const forms = formConfigsFrom(inputs.pages);
  const lane = campaignLane(campaign.forms, forms, inputs.pace, shares, campaign.maxDeliveriesPerSecond);
  const backlog = estimable
    ? estimateBacklog(traffic.peakLeadsPerSecond, traffic.timeConstantSeconds, lane.pace)
    : undefined;
  const headroom =
    estimable && inputs.capacity ? inputs.capacity.leadsPerSecond / traffic.peakLeadsPerSecond : undefined;
  const lastReadinessRun = inputs.readinessRuns.length > 0 ? Math.max(...inputs.readinessRuns) : undefined;

  const findings: Finding[] = [
    ...trafficFindings(traffic),
    ...capacityFindings(inputs.capacity, traffic, headroom, policy, inputs.now, campaign.key),
    ...deliveryFindings(backlog, traffic, lane, policy, endAt - launchAt),
    ...scheduleFindings(launchAt, endAt, lastReadinessRun, policy, inputs.now, campaign.key),
    ...contentFlags(inputs.mapped, inputs.pages, inputs.intake.formsClosed),
  ];
  const requiredLaneRate = estimable
    ? rateForMaxDelay(
        traffic.peakLeadsPerSecond,
        traffic.timeConstantSeconds,
        lane.pace,
        policy.maxLeadDelayMinutes * 60,
      )
    : undefined;
  const requiredRate =
    requiredLaneRate === undefined ? undefined : wholePaceFor(requiredLaneRate, lane.sharePercent);
  return {
    campaign,
    verdict: verdictOf(findings),
    findings,
    knobs: knobsFor({
      campaign,
      pace: inputs.pace,
      lane,
      backlog,
      requiredRate,
      intake: inputs.intake,
      policy,
    }),
    traffic,
    backlog,
    capacity: inputs.capacity,
    headroom,
    launchAt,
    endAt,
    lastReadinessRun,
    pace: inputs.pace,
    lane,
    policy,
  };
}
