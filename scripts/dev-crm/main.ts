/**
 * The dev CRM on its own: `node scripts/dev-crm/main.ts [--port 8889]`. `npm start` already runs
 * one next to the site; this is for pointing `npm run leads:drain` (or anything else) at it.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEV_CRM_WEBHOOK_SECRET } from '../../src/schemas/delivery-env.ts';
import { startDevCrm } from './dev-crm.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8889' } } });
const port = z.coerce.number().int().min(0).max(65535).parse(values.port);
const secret = process.env.CRM_WEBHOOK_SECRET || DEV_CRM_WEBHOOK_SECRET;
const crm = await startDevCrm({ port, secret });
console.log(`Dev CRM at ${crm.url}/ · webhook ${crm.webhookUrl}`);
console.log(`Deliver to it: CRM_WEBHOOK_URL=${crm.webhookUrl} npm run leads:drain`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void crm.close().then(() => process.exit(0)));
}
