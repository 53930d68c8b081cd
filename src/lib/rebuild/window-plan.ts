import { windowId, type EventKey, type WindowBounds } from './rebuild-keys.ts';

/**
 * The coalescing state machine, as a pure function of what the store lists.
 *
 * A window is derived, never negotiated: the earliest event not yet in a sealed window opens a
 * window `[receivedAt, receivedAt + windowMs)`; every later event inside it joins; the next event
 * after it opens the next one. Every reader that lists the same events derives the same windows
 * with the same ids, so two webhooks racing to "open" a window cannot create two: there is
 * nothing to create, only an event blob each to write. When a window is due, the closer seals it
 * (writes its bounds), so later events can never move it.
 *
 *   open ──(closesAt)──▶ closing ──(closesAt + grace)──▶ due ──(build call succeeds)──▶ built
 *
 * `closing` gives event writes stamped just before `closesAt` time to land before the window is
 * sealed. A `due` window whose call failed stays `due`, so the next closer run retries it.
 */
export type WindowStatus = 'open' | 'closing' | 'due' | 'built';

/** One coalescing window and the events in it. */
export interface PlannedWindow extends WindowBounds {
  /** Whether a closer has fixed the window's bounds in the store. */
  sealed: boolean;
  eventKeys: string[];
  status: WindowStatus;
}

/** What planning reads: key listings and the clock. */
export interface PlanInput {
  events: readonly EventKey[];
  sealed: readonly WindowBounds[];
  /** Ids of windows a successful build call covered. */
  built: ReadonlySet<string>;
  now: number;
  windowMs: number;
  graceMs: number;
}

const byTimeThenKey = (a: EventKey, b: EventKey) => a.receivedAt - b.receivedAt || (a.key < b.key ? -1 : 1);

/** Every window, oldest first, with its events and status at `now`. */
export function planWindows(input: PlanInput): PlannedWindow[] {
  const sealed = [...input.sealed].sort((a, b) => a.opensAt - b.opensAt || (a.id < b.id ? -1 : 1));
  const members = new Map<string, string[]>(sealed.map((window) => [window.id, []]));
  const unsealed: EventKey[] = [];
  for (const event of [...input.events].sort(byTimeThenKey)) {
    // An event stamped inside a sealed window belongs to it even if its blob landed late: the
    // content was published before the window's build was requested, so that build has it.
    const owner = sealed.find(
      (window) => window.opensAt <= event.receivedAt && event.receivedAt < window.closesAt,
    );
    if (owner) members.get(owner.id)?.push(event.key);
    else unsealed.push(event);
  }
  const derived: Array<WindowBounds & { eventKeys: string[] }> = [];
  for (const event of unsealed) {
    const current = derived.at(-1);
    if (current && event.receivedAt < current.closesAt) current.eventKeys.push(event.key);
    else {
      const closesAt = event.receivedAt + input.windowMs;
      derived.push({
        id: windowId(event.receivedAt, closesAt, event.id),
        opensAt: event.receivedAt,
        closesAt,
        eventKeys: [event.key],
      });
    }
  }
  const status = (window: WindowBounds): WindowStatus => {
    if (input.built.has(window.id)) return 'built';
    if (input.now < window.closesAt) return 'open';
    return input.now < window.closesAt + input.graceMs ? 'closing' : 'due';
  };
  return [
    ...sealed.map((window) => ({ ...window, sealed: true, eventKeys: members.get(window.id) ?? [] })),
    ...derived.map((window) => ({ ...window, sealed: false })),
  ]
    .map((window) => ({ ...window, status: status(window) }))
    .sort((a, b) => a.opensAt - b.opensAt || (a.id < b.id ? -1 : 1));
}

/** The window holding the event stored under `eventKey`. */
export const windowOfEvent = (plan: readonly PlannedWindow[], eventKey: string): PlannedWindow | undefined =>
  plan.find((window) => window.eventKeys.includes(eventKey));
