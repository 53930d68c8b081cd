import { describe, expect, it } from 'vitest';
import { formatEventTime } from '../../src/lib/calendar/event-time.ts';
import { foldLine, icsFile, icsText } from '../../src/lib/calendar/ics.ts';

describe('event time', () => {
  it('is shown in the page language and the event’s own time zone, naming the zone', () => {
    const start = '2026-12-10T17:00+01:00';
    const end = '2026-12-10T17:45+01:00';
    expect(formatEventTime(start, end, 'Europe/Berlin', 'de')).toBe(
      'Donnerstag, 10. Dezember 2026, 17:00–17:45 Uhr MEZ',
    );
    expect(formatEventTime(start, end, 'Europe/Berlin', 'en')).toMatch(
      /^Thursday, December 10, 2026, 5:00\s*–\s*5:45\s*PM GMT\+1$/,
    );
    expect(formatEventTime(start, end, 'America/New_York', 'en')).toMatch(/11:00\s*–\s*11:45\s*AM EST$/);
  });
});

describe('calendar file', () => {
  const file = icsFile({
    uid: 'event-1@floodgate',
    title: 'Webinar: feedback, roadmap; live',
    startAt: '2026-12-10T17:00+01:00',
    endAt: '2026-12-10T17:45+01:00',
    description: 'Line one\nLine two',
    location: 'Online',
  });

  it('gives start and end in UTC, so every calendar shows them in its own zone', () => {
    expect(file).toContain('\r\nDTSTART:20261210T160000Z\r\nDTEND:20261210T164500Z\r\n');
    expect(file.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(file.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
  });

  it('escapes text and folds long lines as RFC 5545 says', () => {
    expect(file).toContain('SUMMARY:Webinar: feedback\\, roadmap\\; live\r\n');
    expect(icsText('a\\b\nc')).toBe('a\\\\b\\nc');
    const folded = foldLine(`DESCRIPTION:${'ä'.repeat(80)}`);
    for (const line of folded.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'ä'.repeat(80)}`);
  });

  it('is the same file for the same content, build after build', () => {
    expect(icsFile({ uid: 'u', title: 't', startAt: '2026-12-10T16:00Z', endAt: '2026-12-10T17:00Z' })).toBe(
      icsFile({ uid: 'u', title: 't', startAt: '2026-12-10T16:00Z', endAt: '2026-12-10T17:00Z' }),
    );
  });
});
