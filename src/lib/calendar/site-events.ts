import type { LocalizedPage } from '../content/map-space.ts';
import { siteLocale } from '../../schemas/locales.ts';
import { calendarPath, type CalendarEvent } from './ics.ts';

/** Every event block on the site, once per language, with the name of its calendar file. */
export function eventsOf(pages: readonly LocalizedPage[]): Array<{ file: string; event: CalendarEvent }> {
  const events = new Map<string, CalendarEvent>();
  for (const { page, locale } of pages) {
    const { lang } = siteLocale(locale);
    for (const block of page.sections) {
      if (block.type !== 'eventDetails') continue;
      const file = calendarPath(block.id, lang).replace(/^\/calendar\/|\.ics$/g, '');
      events.set(file, {
        uid: `${block.id}@floodgate`,
        title: block.eventTitle,
        startAt: block.startAt,
        endAt: block.endAt,
        ...(block.intro ? { description: block.intro } : {}),
        ...(block.location ? { location: block.location } : {}),
      });
    }
  }
  return [...events].map(([file, event]) => ({ file, event }));
}
