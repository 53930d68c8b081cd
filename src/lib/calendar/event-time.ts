/**
 * An event's date and time range in a language and the event's time zone, with the zone named,
 * e.g. `Thursday, December 10, 2026, 5:00 – 5:45 PM GMT+1` or
 * `Donnerstag, 10. Dezember 2026, 17:00–17:45 MEZ`.
 */
export function formatEventTime(startAt: string, endAt: string, timeZone: string, lang: string): string {
  const format = new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  return format.formatRange(new Date(startAt), new Date(endAt));
}
