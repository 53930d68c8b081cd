/**
 * The steps of one turn of the drain loop, in the order they run: check the run's limits, wait for
 * room among the calls in flight, take the next claimed lead, pass the shared gate (pace and
 * circuit), spend what it granted. Each returns why the run stops, or `undefined` to go on.
 */
import type { ClaimedLead } from '../queue/lead-queue.ts';
import { randomToken } from '../queue/random-token.ts';
import { callCrm, probeCrm } from './drain-calls.ts';
import type { DrainRun } from './drain-run.ts';
import type { StopReason } from './drain-types.ts';

// While waiting for a retry to fall due, look for new leads this often.
const retryPollMs = 2_000;

type Outcome<T> = { go: T } | { stop: StopReason | undefined };

/** One turn of the loop: `undefined` to take another, else why the run ends. */
export async function drainTurn(run: DrainRun): Promise<StopReason | undefined> {
  const limit = await checkLimits(run);
  if (limit) return limit;
  if (await waitForRoom(run)) return undefined;
  const next = await takeLead(run);
  if (!('go' in next)) return next.stop;
  const granted = await passGate(run, next.go);
  if (!('go' in granted)) return granted.stop;
  await spendGrant(run, next.go, granted.go);
  return undefined;
}

/** Stop asked, budget spent, or the drainer lease (renewed when due) lost to another. */
async function checkLimits(run: DrainRun): Promise<StopReason | undefined> {
  const { deps, options } = run;
  if (options.shouldStop?.()) return 'stopped';
  if (deps.now() >= run.stopAt) return 'time-budget';
  const keepAlive = options.keepAlive;
  if (keepAlive && deps.now() - run.renewedAt >= keepAlive.everyMs) {
    run.renewedAt = deps.now();
    const kept = await keepAlive
      .renew()
      .catch((error: unknown) => (run.storeError('renewing the lease')(error), true));
    if (!kept) return 'lease-lost';
  }
  return undefined;
}

/** At the concurrency the pace needs (or probing): wait for a call to finish. True when it waited. */
async function waitForRoom(run: DrainRun): Promise<boolean> {
  const { inFlight } = run;
  if (inFlight.size < run.concurrency.limit() && !(run.probeToken && inFlight.size > 0)) return false;
  await Promise.race(inFlight);
  return true;
}

/** The next claimed lead; with none due, wait as `whenIdle` says or stop. */
async function takeLead(run: DrainRun): Promise<Outcome<ClaimedLead>> {
  const { deps, options, inFlight } = run;
  const next = await run.buffer.next();
  if (next.kind === 'store-error') {
    run.storeError('claiming leads')(next.error);
    return { stop: 'store-error' };
  }
  if (next.kind === 'empty') {
    if (inFlight.size > 0) await Promise.race(inFlight);
    else if (options.whenIdle === 'stop') return { stop: 'empty' };
    else if (options.whenIdle === 'retries') {
      const due = await deps.nextDueAt().catch(() => undefined);
      if (due === undefined || due >= run.stopAt) return { stop: 'empty' };
      await run.wait(Math.min(due - deps.now(), retryPollMs));
    } else await run.wait(options.whenIdle.pollMs);
    return { stop: undefined };
  }
  if (run.leaseTooShort(next.lead)) {
    await run.release(next.lead, deps.now(), 'lease too short to risk a call');
    return { stop: undefined };
  }
  return { go: next.lead };
}

/** Tokens for this lead and those claimed behind it, if the circuit lets this worker call. */
async function passGate(run: DrainRun, lead: ClaimedLead): Promise<Outcome<number>> {
  const { deps, buffer } = run;
  const want = run.probeToken
    ? 1
    : Math.max(1, Math.min(run.concurrency.limit() - run.inFlight.size, 1 + buffer.size()));
  let pass;
  try {
    pass = await deps.gate.take(deps.now(), want, run.probeToken);
  } catch (error) {
    buffer.putBack(lead);
    run.storeError('taking tokens')(error);
    return { stop: 'store-error' };
  }
  run.sharedFailures = pass.circuit.failures;
  if (pass.granted === undefined) {
    buffer.putBack(lead);
    return { stop: await barredByCircuit(run, pass.circuit) };
  }
  if (pass.granted === 0) {
    buffer.putBack(lead);
    if (deps.now() + pass.waitMs > run.stopAt) return { stop: 'time-budget' };
    await run.wait(pass.waitMs);
    return { stop: undefined };
  }
  return { go: pass.granted };
}

/**
 * The circuit bars this worker (open, or another worker's probe); a probe it held has lapsed.
 * Past the cool-down: try to become the probe. Open beyond the budget: stop. Otherwise sleep out
 * the cool-down (open) or look again each pace interval (half-open), so the moment the probe closes
 * the circuit this worker resumes too.
 */
async function barredByCircuit(
  run: DrainRun,
  circuit: { state: string; until: number | undefined },
): Promise<StopReason | undefined> {
  const { deps, options } = run;
  const paceIntervalMs = 1000 / options.ratePerSecond;
  run.probeToken = undefined;
  const until = circuit.until ?? deps.now();
  if (until <= deps.now()) {
    const token = randomToken(deps.random);
    const won = await deps.circuit.takeProbe(token, deps.now()).catch(run.storeError('taking the probe'));
    if (won) run.probeToken = token;
    else await run.wait(paceIntervalMs);
    return undefined;
  }
  if (circuit.state === 'open' && until >= run.stopAt) {
    run.releaseUntil = () => until;
    return 'circuit-open';
  }
  const left = until - deps.now();
  await run.wait(circuit.state === 'open' ? left : Math.min(left, paceIntervalMs));
  return undefined;
}

/** Send the granted calls: the probe alone, or this lead and claimed ones behind it; unspent tokens lapse. */
async function spendGrant(run: DrainRun, lead: ClaimedLead, granted: number): Promise<void> {
  if (run.probeToken) {
    const token = run.probeToken;
    run.probeToken = undefined;
    await run.send(probeCrm(run, lead, token));
    return;
  }
  void run.send(callCrm(run, lead));
  for (let spent = 1; spent < granted; spent += 1) {
    const more = run.buffer.ready();
    if (!more) break;
    if (run.leaseTooShort(more)) await run.release(more, run.deps.now(), 'lease too short to risk a call');
    else void run.send(callCrm(run, more));
  }
}
