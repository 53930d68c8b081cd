/** Netlify's function context, as far as work after the answer is concerned. */
export interface AfterResponseContext {
  /** Keeps the invocation alive until the promise settles; absent on hosts that have no such thing. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/**
 * The one way a function starts work that must not hold up its answer (waking the lead drainer,
 * closing a rebuild window, starting a background function): the task runs now, `waitUntil` keeps
 * the invocation alive until it settles, and a failure is one log line naming what did not happen,
 * never a rejected promise. A local host without `waitUntil` simply lets the task run on.
 */
export function runAfterResponse(
  context: AfterResponseContext,
  task: () => Promise<unknown>,
  onFailure: (message: string) => void,
): void {
  const running = Promise.resolve()
    .then(task)
    .catch((error: unknown) => onFailure(error instanceof Error ? error.message : String(error)));
  context.waitUntil?.(running);
}
