import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertInbox, type AlertInbox } from '../../scripts/dev-crm/alert-inbox.ts';
import { sendAlert } from '../../src/lib/ops/alert-webhook.ts';

const secret = 'alert-inbox-secret-at-least-32-chars!!';
let inbox: AlertInbox;
beforeAll(async () => {
  inbox = await startAlertInbox({ secret });
});
afterAll(() => inbox.close());

const hook = (key: string) => ({
  url: `${inbox.url}/alerts`,
  secret: key,
  fetch: globalThis.fetch,
  now: Date.now,
  sleep: async () => {},
  attempts: 1,
});

describe('the local alert inbox', () => {
  it('verifies and lists a signed alert, and flags one signed with another secret', async () => {
    expect(
      await sendAlert(hook(secret), {
        text: 'Floodgate alert: breaker-open',
        rule: 'breaker-open',
        state: 'firing',
      }),
    ).toBeUndefined();
    expect(await sendAlert(hook('not-the-secret-not-the-secret-12345'), { text: 'forged' })).toBe('HTTP 401');
    expect(inbox.alerts.map((alert) => [alert.rule, alert.verified])).toEqual([
      ['', false],
      ['breaker-open', true],
    ]);
    const page = await (await fetch(inbox.url)).text();
    expect(page).toContain('Alerts received (2)');
    expect(page).toContain('BAD SIGNATURE');
  });
});
