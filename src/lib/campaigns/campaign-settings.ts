import { DELIVERY_SCHEDULE_INTERVAL_SECONDS, deliveryDutyCycle } from '../../schemas/delivery-env.ts';
import type { CampaignEnv } from '../../schemas/campaign-env.ts';
import type { DeliveryPace } from './backlog-model.ts';
import type { IntakeSettings } from './knobs.ts';

/** The delivery worker's pace as the backlog model needs it. */
export function deliveryPaceFrom(env: CampaignEnv): DeliveryPace {
  return {
    ratePerSecond: env.LEADS_DELIVERY_RATE,
    dutyCycle: deliveryDutyCycle(env),
    scheduleIntervalSeconds: DELIVERY_SCHEDULE_INTERVAL_SECONDS,
  };
}

/** The lead function's knobs as the readiness report shows them. */
export function intakeSettingsFrom(env: CampaignEnv): IntakeSettings {
  return { formsClosed: env.LEADS_FORMS_CLOSED ?? [], rateLimitPerMinute: env.LEADS_RATE_LIMIT_PER_MINUTE };
}
