import { describe, expect, it } from 'vitest';
import { summarizeStartFailures } from '../../scripts/lib/start-failures.ts';

const unset = (purpose: string, ...names: string[]) =>
  new Error(
    [`Invalid environment for ${purpose}:`, ...names.map((name) => `  - ${name}: is not set`)].join('\n') +
      '\nSee .env.example for what each variable means.',
  );

describe('summarizeStartFailures', () => {
  it('mentions functions that only lack configuration once, as information naming the variables', () => {
    const notes = summarizeStartFailures([
      { name: 'contentful-webhook.mts', error: unset('the webhook', 'WEBHOOK_SECRET', 'HOOK_URL') },
      { name: 'rebuild-windows.mts', error: unset('the closer', 'WEBHOOK_SECRET', 'HOOK_URL') },
    ]);
    expect(notes).toEqual([
      {
        level: 'info',
        text: 'i Optional, not configured: contentful-webhook, rebuild-windows (routes answer 404 locally). To try them, set WEBHOOK_SECRET, HOOK_URL (see .env.example).',
      },
    ]);
  });

  it('keeps a malformed variable or a crash as a warning of its own', () => {
    const malformed = new Error('Invalid environment for x:\n  - RATE: must be a whole number');
    const notes = summarizeStartFailures([
      { name: 'leads.mts', error: malformed },
      { name: 'other.mts', error: new Error('boom') },
    ]);
    expect(notes.map((note) => note.level)).toEqual(['warn', 'warn']);
    expect(notes[0]?.text).toBe(
      '! leads did not start (its routes answer 404): Invalid environment for x: RATE: must be a whole number',
    );
    expect(notes[1]?.text).toBe('! other did not start (its routes answer 404): boom');
  });

  it('says nothing when every function started', () => {
    expect(summarizeStartFailures([])).toEqual([]);
  });
});
