/**
 * What a mover says when it could not look at the outbox. A host without Netlify Blobs (a function
 * run outside Netlify and its emulation) has no outbox at all: that is said once, as information,
 * since the intake there answers 503 as before; any other failure is an error every time (class
 * only: a Blobs error's text may carry a URL or a token).
 */
export function outboxFailureReporter(log: { info: (line: string) => void; error: (line: string) => void }) {
  let saidNoBlobs = false;
  return (error: unknown): void => {
    const name = error instanceof Error ? error.name : 'error';
    if (name !== 'MissingBlobsEnvironmentError') return log.error(`outbox: not moved (${name})`);
    if (!saidNoBlobs) log.info('i outbox: no Netlify Blobs on this host, so the fallback outbox is off here');
    saidNoBlobs = true;
  };
}
