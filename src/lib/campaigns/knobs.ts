import type { Campaign } from '../../schemas/campaign.ts';
import type { BacklogEstimate, DeliveryPace } from './backlog-model.ts';
import { formatDuration, formatRate } from './format.ts';
import type { CampaignLane } from './lane-pace.ts';
import type { ReadinessPolicy } from './readiness-policy.ts';

/** The lead function's settings that matter on launch day. */
export interface IntakeSettings {
  /** `LEADS_FORMS_CLOSED`: `*` or form ids. */
  formsClosed: readonly string[];
  /** `LEADS_RATE_LIMIT_PER_MINUTE`: posts per client IP per minute. */
  rateLimitPerMinute: number;
}

/** A setting an operator can change before or during a launch, and what to set it to. */
export interface Knob {
  name: string;
  variable: string;
  current: string;
  advice: string;
}

interface KnobInputs {
  campaign: Campaign;
  pace: DeliveryPace;
  lane: CampaignLane;
  backlog: BacklogEstimate | undefined;
  /** The delivery rate that keeps every lead within the policy's delay, if any rate can. */
  requiredRate: number | undefined;
  intake: IntakeSettings;
  policy: ReadinessPolicy;
}

/** The three knobs the runbook names, with this campaign's numbers filled in. */
export function knobsFor({
  campaign,
  pace,
  lane,
  backlog,
  requiredRate,
  intake,
  policy,
}: KnobInputs): Knob[] {
  const slow = backlog !== undefined && backlog.maxLeadDelaySeconds > policy.maxLeadDelayMinutes * 60;
  const limit = `${policy.maxLeadDelayMinutes} min`;
  const rateAdvice = !backlog
    ? 'unknown until the traffic can be estimated'
    : slow && lane.capPerSecond !== undefined
      ? `the campaign's ticket caps it at ${formatRate(lane.capPerSecond)}/s (maxDeliveriesPerSecond): a faster rate does not help, a higher cap does`
      : slow && requiredRate !== undefined
        ? `raise to at least ${formatRate(requiredRate)}/s to keep every lead within ${limit}, if the CRM can take that rate`
        : slow
          ? `no rate keeps leads within ${limit}: the worker's schedule alone is longer`
          : backlog.peakBacklog > 0
            ? `leads wait up to ${formatDuration(backlog.maxLeadDelaySeconds)}, within the ${limit} limit; a higher rate shortens the wait, never set it past what the CRM accepts`
            : 'keeps up with the peak; never set it past what the CRM accepts';
  const forms = campaign.forms.join(',');
  return [
    {
      name: 'Delivery rate',
      variable: 'LEADS_DELIVERY_RATE',
      current: `${formatRate(pace.ratePerSecond)} leads/s (${formatRate(pace.ratePerSecond * pace.dutyCycle)}/s on average with the worker's schedule), of which the ${lane.lane} lane is guaranteed ${lane.sharePercent} %: ${formatRate(lane.pace.ratePerSecond)}/s`,
      advice: `${rateAdvice}. Watch it with \`npm run leads:status\`.`,
    },
    {
      name: 'Rate limit',
      variable: 'LEADS_RATE_LIMIT_PER_MINUTE',
      current: `${intake.rateLimitPerMinute} posts per client IP per minute`,
      advice:
        'raise it (and `rateLimit` in netlify/functions/leads.mts, which must match) when many visitors share one IP, e.g. an office or an event; lower it to shed a bot.',
    },
    {
      name: 'Kill switch',
      variable: 'LEADS_FORMS_CLOSED',
      current: intake.formsClosed.join(',') || '(no form closed)',
      advice: `set to \`${forms}\` to close this campaign's forms gracefully (visitors see a message, queued leads stay); \`*\` closes every form.`,
    },
  ];
}
