import { describe, expect, it } from 'vitest';
import { outboxFailureReporter } from '../../src/lib/outbox/outbox-failure.ts';

const recorder = () => {
  const lines: { level: string; line: string }[] = [];
  const report = outboxFailureReporter({
    info: (line) => lines.push({ level: 'info', line }),
    error: (line) => lines.push({ level: 'error', line }),
  });
  return { lines, report };
};

const named = (name: string) => Object.assign(new Error('https://secret.example/token'), { name });

describe('what a mover says when it cannot look at the outbox', () => {
  it('says once, as information, that a host without Blobs has no outbox', () => {
    const { lines, report } = recorder();
    report(named('MissingBlobsEnvironmentError'));
    report(named('MissingBlobsEnvironmentError'));
    expect(lines).toEqual([
      { level: 'info', line: 'i outbox: no Netlify Blobs on this host, so the fallback outbox is off here' },
    ]);
  });

  it('reports any other failure as an error every time, by class only', () => {
    const { lines, report } = recorder();
    report(named('BlobsInternalError'));
    report(named('BlobsInternalError'));
    expect(lines).toEqual([
      { level: 'error', line: 'outbox: not moved (BlobsInternalError)' },
      { level: 'error', line: 'outbox: not moved (BlobsInternalError)' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
