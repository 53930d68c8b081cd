import { defaultLeadLane, type LaneShares, type LeadLane } from '../../schemas/delivery-lanes.ts';
import type { FormConfigMap } from '../../schemas/lead.ts';
import type { DeliveryPace } from './backlog-model.ts';

/** The lane a campaign's leads wait in, and the part of the pace guaranteed to it. */
export interface CampaignLane {
  lane: LeadLane;
  /** The lane's guaranteed share of the pace, in percent (`LEADS_LANE_SHARES`). */
  sharePercent: number;
  /** The pace the forecast is judged by: the whole pace × the lane's share, or the ticket's cap if lower. */
  pace: DeliveryPace;
  /** The ticket's `maxDeliveriesPerSecond`, when it is below the lane's share (the cap, not the pace, binds). */
  capPerSecond?: number;
}

/**
 * A campaign's lane: its forms' (as the build publishes them), and when its forms sit in several
 * lanes, the one with the smallest share, since that is where its slowest leads wait. A form the
 * site does not show (yet) counts as the default lane. A ticket's cap below the lane's share is
 * the campaign's pace instead (the claim never exceeds it).
 */
export function campaignLane(
  formIds: readonly string[],
  forms: FormConfigMap,
  pace: DeliveryPace,
  shares: LaneShares,
  maxPerSecond?: number,
): CampaignLane {
  const lanes = formIds.map(
    (id) => (Object.hasOwn(forms, id) ? forms[id]?.lane : undefined) ?? defaultLeadLane,
  );
  const lane = lanes.reduce<LeadLane>(
    (slowest, next) => (shares[next] < shares[slowest] ? next : slowest),
    lanes[0] ?? defaultLeadLane,
  );
  const sharePercent = shares[lane];
  const laneRate = (pace.ratePerSecond * sharePercent) / 100;
  if (maxPerSecond !== undefined && maxPerSecond < laneRate)
    return { lane, sharePercent, pace: { ...pace, ratePerSecond: maxPerSecond }, capPerSecond: maxPerSecond };
  return { lane, sharePercent, pace: { ...pace, ratePerSecond: laneRate } };
}

/**
 * The whole pace (`LEADS_DELIVERY_RATE`) that gives a lane `laneRate`: a rate the forecast asks of
 * the lane becomes advice on the one knob operators turn.
 */
export const wholePaceFor = (laneRate: number, sharePercent: number) => (laneRate * 100) / sharePercent;
