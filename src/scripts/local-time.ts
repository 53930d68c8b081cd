import { formatEventTime } from '../lib/calendar/event-time.ts';

/**
 * Progressive enhancement of the event block (src/components/blocks/EventDetails.astro): the page
 * is built with the session's time in the event's own zone, which is what a visitor without
 * JavaScript reads (and the `.ics` file carries the instant itself). With JavaScript, the same
 * sentence is written again in the visitor's time zone, as the browser reports it; the event's
 * wording stays in the tooltip. No framework: one loop over the page's `<time>` elements.
 */
function showInVisitorsZone(root: ParentNode): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[data-event-end]')) {
    const { eventEnd, eventLang } = time.dataset;
    if (!eventEnd || !eventLang) continue;
    try {
      const local = formatEventTime(time.dateTime, eventEnd, zone, eventLang);
      const built = (time.textContent ?? '').trim();
      if (local === built) continue;
      time.title = built;
      time.textContent = local;
    } catch {
      // A zone or a date this browser cannot format: the event's own wording stays, which is right too.
    }
  }
}

showInVisitorsZone(document);
