import { describe, expect, it } from 'vitest';
import { mayStartDrainer } from '../../src/lib/delivery/drainer-kick.ts';
import { DrainerTriggerEnvSchema } from '../../src/schemas/delivery-env.ts';

const env = (variables: Record<string, string>) => DrainerTriggerEnvSchema.parse(variables);
const site = 'https://floodgate.example';
const crm = { CRM_WEBHOOK_URL: 'https://crm.example/hooks/leads' };

describe('mayStartDrainer', () => {
  it('lets queued leads start the drainer when it runs continuously, can be reached and has a CRM', () => {
    expect(mayStartDrainer(env(crm), site)).toBe(true);
  });

  it('starts none without a CRM (every drainer would stand down and the next lead start another)', () => {
    expect(mayStartDrainer(env({}), site)).toBe(false);
  });

  it('starts none when continuous delivery is off or the site URL is unknown', () => {
    expect(mayStartDrainer(env({ ...crm, LEADS_DELIVERY_CONTINUOUS: 'false' }), site)).toBe(false);
    expect(mayStartDrainer(env(crm), undefined)).toBe(false);
  });
});
