import type { Campaign } from '../../schemas/campaign.ts';

/** The campaign fields the traffic model reads. */
export type TrafficInputs = Pick<
  Campaign,
  | 'emailsSent'
  | 'emailVisitRate'
  | 'adImpressions'
  | 'adVisitRate'
  | 'otherVisits'
  | 'submitRate'
  | 'peakShare'
  | 'peakWindowMinutes'
  | 'measuredPeakPageViewsPerSecond'
  | 'measuredPeakLeadsPerSecond'
>;

/** Where a peak rate came from: the model, or a measured value that overrides it. */
export type RateSource = 'model' | 'measured';

/** Expected traffic of one campaign (see docs/campaigns.md for the model). */
export interface TrafficEstimate {
  /** Visits over the whole campaign, from the audience and its click rates. */
  visits: number;
  /** Form submissions over the whole campaign. */
  leads: number;
  /** τ of the exponential decay: arrivals at time t after launch are proportional to e^(−t/τ). */
  timeConstantSeconds: number;
  /** The arrival rate right at launch, the highest of the campaign. */
  peakPageViewsPerSecond: number;
  peakLeadsPerSecond: number;
  /** The modelled peaks, kept when a measured value overrides them, so the report can show both. */
  modelPeakPageViewsPerSecond: number;
  modelPeakLeadsPerSecond: number;
  pageViewsSource: RateSource;
  leadsSource: RateSource;
  /** Inputs the model needed but did not get, named by field id. Empty when the estimate is complete. */
  missing: string[];
}

/**
 * τ such that a share `peakShare` of an exponentially decaying arrival stream falls within the
 * first `peakWindowSeconds`: 1 − e^(−W/τ) = s  ⇒  τ = −W / ln(1 − s).
 */
export function timeConstantSeconds(peakShare: number, peakWindowSeconds: number): number {
  return -peakWindowSeconds / Math.log(1 - peakShare);
}

/** Visits from one audience source, noting the rate that is missing when there is an audience. */
function sourceVisits(audience: number | undefined, rate: number | undefined, rateField: string) {
  if (!audience) return { visits: 0, missing: [] };
  return rate === undefined ? { visits: 0, missing: [rateField] } : { visits: audience * rate, missing: [] };
}

/**
 * Expected visits, leads and peak rates of a campaign. Arrivals decay exponentially from the
 * launch, so the peak is at launch and equals total / τ. A measured peak, when given, replaces the
 * modelled one (the shape τ is kept, so backlog estimates scale with it).
 */
export function estimateTraffic(inputs: TrafficInputs): TrafficEstimate {
  const email = sourceVisits(inputs.emailsSent, inputs.emailVisitRate, 'emailVisitRate');
  const ads = sourceVisits(inputs.adImpressions, inputs.adVisitRate, 'adVisitRate');
  const visits = email.visits + ads.visits + (inputs.otherVisits ?? 0);
  const leads = visits * inputs.submitRate;
  const tau = timeConstantSeconds(inputs.peakShare, inputs.peakWindowMinutes * 60);
  const missing = [...email.missing, ...ads.missing];
  const measuredViews = inputs.measuredPeakPageViewsPerSecond;
  const measuredLeads = inputs.measuredPeakLeadsPerSecond;
  if (visits === 0 && measuredLeads === undefined) {
    missing.push('emailsSent, adImpressions or otherVisits (or measuredPeakLeadsPerSecond)');
  }
  const modelPeakPageViewsPerSecond = visits / tau;
  const modelPeakLeadsPerSecond = leads / tau;
  return {
    visits,
    leads,
    timeConstantSeconds: tau,
    peakPageViewsPerSecond: measuredViews ?? modelPeakPageViewsPerSecond,
    peakLeadsPerSecond: measuredLeads ?? modelPeakLeadsPerSecond,
    modelPeakPageViewsPerSecond,
    modelPeakLeadsPerSecond,
    pageViewsSource: measuredViews === undefined ? 'model' : 'measured',
    leadsSource: measuredLeads === undefined ? 'model' : 'measured',
    missing,
  };
}

/** Leads per second arriving `seconds` after launch, for a stream peaking at `peak`. */
export function arrivalRateAt(peak: number, tau: number, seconds: number): number {
  return peak * Math.exp(-seconds / tau);
}

/** Leads arrived in total by `seconds` after launch: the integral of the arrival rate. */
export function arrivedBy(peak: number, tau: number, seconds: number): number {
  return peak * tau * (1 - Math.exp(-seconds / tau));
}
