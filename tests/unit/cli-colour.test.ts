import { describe, expect, it } from 'vitest';
import { palette, paintVerdict, shouldColour } from '../../scripts/cli/colour.ts';
import { progressLine } from '../../scripts/cli/progress.ts';
import { settingsLine } from '../../scripts/cli/settings.ts';

const escape = '\u001b[';

describe('shouldColour', () => {
  it('colours a terminal', () => {
    expect(shouldColour({ isTTY: true, env: {} })).toBe(true);
  });

  it('never colours when NO_COLOR is set, whatever its value, even on a terminal or with FORCE_COLOR', () => {
    expect(shouldColour({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(shouldColour({ isTTY: true, env: { NO_COLOR: 'false' } })).toBe(false);
    expect(shouldColour({ isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).toBe(false);
  });

  it('treats an empty NO_COLOR as unset, as no-color.org says', () => {
    expect(shouldColour({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('does not colour piped or redirected output, nor a dumb terminal', () => {
    expect(shouldColour({ isTTY: false, env: {} })).toBe(false);
    expect(shouldColour({ isTTY: undefined, env: {} })).toBe(false);
    expect(shouldColour({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('colours a pipe when FORCE_COLOR asks for it, and FORCE_COLOR=0 turns a terminal plain', () => {
    expect(shouldColour({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(shouldColour({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
  });
});

describe('palette', () => {
  it('returns text untouched when colour is off', () => {
    const plain = palette(false);
    expect([plain.good('GO'), plain.warn('AT-RISK'), plain.bad('NO-GO'), plain.dim('x')]).toEqual([
      'GO',
      'AT-RISK',
      'NO-GO',
      'x',
    ]);
  });

  it('colours verdicts by how good they are when colour is on', () => {
    const verdict = paintVerdict(palette(true));
    expect(verdict('go', 'GO')).toBe(`${escape}32mGO${escape}39m`);
    expect(verdict('at-risk', 'AT-RISK')).toBe(`${escape}33mAT-RISK${escape}39m`);
    expect(verdict('no-go', 'NO-GO')).toBe(`${escape}31mNO-GO${escape}39m`);
  });
});

describe('settingsLine', () => {
  it('says in one line what is off and how to turn it on', () => {
    const line = settingsLine(
      'npm run cms:model',
      [
        { variable: 'CONTENTFUL_MANAGEMENT_TOKEN', message: 'is not set' },
        { variable: 'CONTENTFUL_SPACE_ID', message: 'is not set' },
      ],
      palette(false),
    );
    expect(line).toBe(
      'npm run cms:model is off: CONTENTFUL_MANAGEMENT_TOKEN and CONTENTFUL_SPACE_ID are not set; to turn it on, set them in the environment (.env.example says where each value comes from).',
    );
    expect(line).not.toContain('\n');
  });

  it('names a malformed value once, as the schema words it', () => {
    const line = settingsLine(
      'npm run leads:drain',
      [{ variable: 'LEADS_DELIVERY_RATE', message: 'LEADS_DELIVERY_RATE must be a number' }],
      palette(false),
    );
    expect(line).toMatch(
      /^npm run leads:drain cannot run: LEADS_DELIVERY_RATE must be a number; to turn it on, fix that/,
    );
  });
});

describe('progressLine', () => {
  const recorder = (isTTY: boolean) => {
    const written: string[] = [];
    let clock = 0;
    const target = { isTTY, write: (text: string) => written.push(text) };
    return { written, target, now: () => clock, advance: (ms: number) => (clock += ms) };
  };

  it('rewrites one line in place on a terminal and ends it with a newline', () => {
    const tty = recorder(true);
    const progress = progressLine(tty.target, { now: tty.now });
    progress.update('sent 10');
    progress.update('sent 2');
    progress.done();
    expect(tty.written).toEqual(['\rsent 10', '\rsent 2 ', '\n']);
  });

  it('writes a full line at most every 5 s to a pipe, and the last state at the end', () => {
    const pipe = recorder(false);
    const progress = progressLine(pipe.target, { now: pipe.now });
    progress.update('sent 1');
    pipe.advance(1_000);
    progress.update('sent 2');
    pipe.advance(4_000);
    progress.update('sent 3');
    pipe.advance(1_000);
    progress.update('sent 4');
    progress.done();
    expect(pipe.written).toEqual(['sent 1\n', 'sent 3\n', 'sent 4\n']);
  });
});
