import { Agent, request as httpRequest } from 'node:http';
import { achievedRate, dueAt, dueCount, quantile } from './pacing.ts';

export interface PacedResult {
  askedPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
}

/**
 * POST `body()` to `url` at `ratePerSecond` for `seconds` over at most `connections` keep-alive
 * connections (open loop, see pacing.ts). Latency runs from each request's due time to its answer.
 */
export async function pacedLoad(options: {
  url: string;
  ratePerSecond: number;
  seconds: number;
  connections: number;
  body: () => string;
  headers: Record<string, string>;
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.max(1, Math.round(options.ratePerSecond * options.seconds));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  let lastAnswer = 0;
  const start = performance.now() + 5;
  const answered = new Promise<void>((done) => {
    let settled = 0;
    const settle = (due: number) => {
      lastAnswer = performance.now();
      latencies.push(lastAnswer - due);
      if ((settled += 1) === total) done();
    };
    const send = (index: number) => {
      const due = dueAt(start, index, options.ratePerSecond);
      const payload = options.body();
      const req = httpRequest(options.url, { method: 'POST', agent, headers: options.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          settle(due);
        });
      });
      req.on('error', () => {
        errors += 1;
        settle(due);
      });
      req.end(payload);
    };
    const tick = () => {
      const due = dueCount(start, performance.now(), options.ratePerSecond, total);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    setTimeout(tick, 5);
  });
  await answered;
  agent.destroy();
  return {
    askedPerSecond: options.ratePerSecond,
    requestsPerSecond: Math.round(achievedRate(total, start, lastAnswer)),
    p50Ms: +quantile(latencies, 0.5).toFixed(1),
    p99Ms: +quantile(latencies, 0.99).toFixed(1),
    maxMs: +quantile(latencies, 1).toFixed(1),
    statuses,
    errors,
    seconds: +((lastAnswer - start) / 1000).toFixed(2),
  };
}
