import { leadLanes, type LeadLane } from '../../schemas/delivery-lanes.ts';
import type { Pause } from './lead-pauses.ts';

/** Queued leads of one flow (lane-sql.ts `flowDepthSql`). */
export interface FlowDepth {
  lane: string;
  group: string;
  formId: string;
  depth: number;
}

/** What `leads:status` shows per lane: queued, of which paused, and the paused flows by name. */
export interface LaneDepth {
  lane: LeadLane;
  depth: number;
  paused: number;
  laneShare: number;
  /** Paused flows with leads waiting: `group · form`, and what paused them. */
  pausedFlows: { group: string; formId: string; depth: number; by: string }[];
}

/** Which pause (if any) holds a flow back: the lane, its campaign (group) or its form. */
export function pauseHolding(flow: Pick<FlowDepth, 'lane' | 'group' | 'formId'>, pauses: readonly Pause[]) {
  return pauses.find(
    (pause) =>
      (pause.kind === 'lane' && pause.key === flow.lane) ||
      (pause.kind === 'campaign' && pause.key === flow.group) ||
      (pause.kind === 'form' && pause.key === flow.formId),
  );
}

/** Per-lane depth and paused flows, every lane listed (an unknown lane counts as normal, as the claim does). */
export function laneDepths(
  flows: readonly FlowDepth[],
  pauses: readonly Pause[],
  shares: Record<LeadLane, number>,
): LaneDepth[] {
  const lanes = leadLanes.map((lane): LaneDepth => ({
    lane,
    depth: 0,
    paused: 0,
    laneShare: shares[lane],
    pausedFlows: [],
  }));
  for (const flow of flows) {
    const lane = lanes.find((entry) => entry.lane === flow.lane) ?? lanes[1];
    if (!lane) continue;
    lane.depth += flow.depth;
    const held = pauseHolding(flow, pauses);
    if (!held) continue;
    lane.paused += flow.depth;
    lane.pausedFlows.push({
      group: flow.group,
      formId: flow.formId,
      depth: flow.depth,
      by: `${held.kind} ${held.key}`,
    });
  }
  return lanes;
}
