/**
 * POST /api/leads/confirm: the double opt-in click. The static confirmation page (en, de) posts the
 * signed token from the mailed link; one statement moves the lead from `unconfirmed` to `queued` in
 * its lane and, like a new lead, reserves the drainer to deliver it. Logic: src/lib/doi.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { startBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import { KICK_RESERVATION_MS, startReservedDrainer } from '../../src/lib/delivery/drainer-kick.ts';
import { confirmLead } from '../../src/lib/doi/confirm-lead.ts';
import { handleConfirmRequest } from '../../src/lib/doi/handle-confirm-request.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { runAfterResponse } from '../../src/lib/netlify/after-response.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DrainerTriggerEnvSchema } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { MailEnvSchema } from '../../src/schemas/mail-env.ts';

const purpose = 'the confirm function (netlify/functions/confirm-lead.mts)';

export default secureHandler(
  configuredHandler(purpose, () => {
    const env = parseEnv(MailEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), { max: 2 });
    const drainerEnv = parseEnv(DrainerTriggerEnvSchema, process.env, purpose);
    const siteUrl = functionSiteUrl(drainerEnv);
    const mayStartDrainer = drainerEnv.LEADS_DELIVERY_CONTINUOUS && siteUrl !== undefined;
    const confirm = (token: unknown) =>
      confirmLead(
        {
          db,
          secret: env.confirmSecret,
          now: Date.now,
          reserveDrainerForMs: mayStartDrainer ? KICK_RESERVATION_MS : undefined,
        },
        token,
      );
    return (request: Request, context: { waitUntil?: (promise: Promise<unknown>) => void }) =>
      handleConfirmRequest(request, confirm, (outcome) => {
        if (outcome.status !== 'confirmed' || !outcome.drainerReserved || !siteUrl) return;
        const trigger = () =>
          startBackgroundDrain({ siteUrl, secret: crmWebhookSecret(drainerEnv), fetch: globalThis.fetch });
        runAfterResponse(
          context,
          async () => {
            if ((await startReservedDrainer({ db, now: Date.now, trigger })) === 'trigger-failed')
              throw new Error('the background drainer did not answer');
          },
          (message) => console.warn(`confirm: drainer not started (${message}); the schedule will deliver`),
        );
      });
  }),
);

export const config: Config = { path: '/api/leads/confirm', method: 'POST' };
