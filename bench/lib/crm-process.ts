/**
 * The dev CRM in its own process (`fork`ed by bench/lib/remote-crm.ts): a CRM is another machine,
 * so at thousands of calls a second its HTTP server, HMAC checks and body parsing must not share
 * the worker's event loop (they would delay its gate and claims and bill the worker for the CRM's
 * CPU). It reports what arrived to the parent in batches over IPC, and at once when asked to flush.
 */
import { startDevCrm, type Arrival } from '../../scripts/dev-crm/dev-crm.ts';

type Message = { type: 'flush'; id: number } | { type: 'close' };

const secret = process.env.BENCH_CRM_SECRET ?? '';
const latencyMs = Number(process.env.BENCH_CRM_LATENCY_MS ?? 0);
const crm = await startDevCrm({ secret });
crm.setFaults(undefined, latencyMs);
let reported = 0;
const report = () => {
  const all = crm.arrivals();
  if (all.length > reported) process.send?.({ type: 'arrivals', arrivals: all.slice(reported) });
  reported = all.length;
};
// 20 batches a second: IPC costs next to nothing, and the parent's view lags by at most 50 ms.
const timer = setInterval(report, 50);
process.on('message', (message: Message) => {
  if (message.type === 'flush') {
    report();
    process.send?.({ type: 'flushed', id: message.id });
  } else {
    clearInterval(timer);
    void crm.close().then(() => process.exit(0));
  }
});
// The benchmark died without closing it: do not outlive it.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', webhookUrl: crm.webhookUrl });

export type { Arrival };
