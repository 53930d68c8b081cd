import { fork } from 'node:child_process';
import { startDevCrm, type Arrival } from '../../scripts/dev-crm/dev-crm.ts';

/** The dev CRM as the benchmark sees it, wherever it runs. */
export interface BenchCrm {
  webhookUrl: string;
  /** What arrived so far (at most 50 ms behind for the forked CRM; call `sync` for the exact list). */
  arrivals(): readonly Arrival[];
  /** Resolves once every call the CRM answered before now is in `arrivals()`. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

type ChildMessage =
  | { type: 'ready'; webhookUrl: string }
  | { type: 'arrivals'; arrivals: Arrival[] }
  | { type: 'flushed'; id: number };

/** bench/lib/crm-process.ts in its own process, answering after `latencyMs`. */
export async function forkDevCrm(secret: string, latencyMs: number): Promise<BenchCrm> {
  const child = fork('bench/lib/crm-process.ts', [], {
    execPath: process.execPath,
    env: { ...process.env, BENCH_CRM_SECRET: secret, BENCH_CRM_LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const arrivals: Arrival[] = [];
  const flushes = new Map<number, () => void>();
  let ready: (url: string) => void = () => {};
  const webhookUrl = new Promise<string>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`bench/lib/crm-process.ts exited with ${code}`)));
  });
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'ready') ready(message.webhookUrl);
    else if (message.type === 'arrivals') for (const arrival of message.arrivals) arrivals.push(arrival);
    else flushes.get(message.id)?.();
  });
  const url = await webhookUrl;
  child.removeAllListeners('exit');
  let next = 0;
  return {
    webhookUrl: url,
    arrivals: () => arrivals,
    sync() {
      const id = (next += 1);
      return new Promise<void>((done) => {
        flushes.set(id, () => (flushes.delete(id), done()));
        child.send({ type: 'flush', id });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

/** The dev CRM in the benchmark's own process (`--crm-in-process`: the A/B against `forkDevCrm`). */
export async function inProcessDevCrm(secret: string, latencyMs: number): Promise<BenchCrm> {
  const crm = await startDevCrm({ secret });
  crm.setFaults(undefined, latencyMs);
  return {
    webhookUrl: crm.webhookUrl,
    arrivals: () => crm.arrivals(),
    sync: async () => {},
    close: () => crm.close(),
  };
}
