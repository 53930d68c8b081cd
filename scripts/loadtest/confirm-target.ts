import { createInterface } from 'node:readline/promises';
import type { LoadRates, LoadShape } from './load-plan.ts';
import { plannedTotals, loadTicks } from './load-plan.ts';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for a URL on this machine, which a load test may hit without asking. */
export const isLoopback = (url: string): boolean => loopbackHosts.has(new URL(url).hostname);

/**
 * Ask before loading anything not on this machine: the operator types the host name back. Leads
 * sent to a deployed site are real leads there (its worker delivers them to its CRM), and its
 * per-IP rate limit will answer most of them 429 unless it was raised for the test.
 */
export async function confirmRemoteTarget(
  url: string,
  rates: LoadRates,
  shape: LoadShape,
  alreadyConfirmed: boolean,
): Promise<boolean> {
  const { host } = new URL(url);
  const totals = plannedTotals(loadTicks(rates, shape));
  console.log(
    [
      `This sends about ${totals.pageViews} page views and ${totals.leads} lead posts to ${host}`,
      `over ${shape.durationSeconds} s (bursting to ${shape.burstFactor}× the peak).`,
      'Those leads are real leads there: its worker delivers them to the CRM that site is configured with',
      '(they are marked utm_source=loadtest and use @example.com addresses). Its per-IP rate limit',
      '(LEADS_RATE_LIMIT_PER_MINUTE) answers 429 beyond its limit unless raised for the test.',
    ].join('\n'),
  );
  if (alreadyConfirmed) return true;
  if (!process.stdin.isTTY) {
    console.error('loadtest: not a terminal, so nobody can confirm: pass --yes to load a non-local URL');
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(`Type the host name (${host}) to go ahead: `);
  prompt.close();
  return answer.trim() === host;
}
