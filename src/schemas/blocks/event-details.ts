import { z } from 'zod';
import { ZonedDateTimeSchema } from '../campaign.ts';
import { blockBase } from '../fields.ts';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A dated event (a webinar session) on a confirmation page: when it is, shown in the page's
 * language and the event's time zone, and a calendar file generated at build time.
 */
export const EventDetailsSchema = z
  .object({
    type: z.literal('eventDetails'),
    ...blockBase,
    heading: z.string().trim().min(1, 'write a heading'),
    intro: z.string().optional(),
    eventTitle: z.string().trim().min(1, 'name the event as calendars should show it'),
    startAt: ZonedDateTimeSchema,
    endAt: ZonedDateTimeSchema,
    timeZone: z
      .string()
      .refine(isTimeZone, 'give a time zone from the IANA list, e.g. Europe/Berlin')
      .describe('the zone the time is shown in, e.g. Europe/Berlin'),
    location: z.string().trim().min(1).optional().describe('where it happens, e.g. "Online (Zoom)"'),
    calendarLabel: z
      .string()
      .trim()
      .min(1, 'write the calendar link label, e.g. Add to your calendar')
      .max(40, 'keep the calendar link label to 40 characters or fewer'),
  })
  .refine((event) => Date.parse(event.endAt) > Date.parse(event.startAt), {
    message: 'the end must be after the start',
    path: ['endAt'],
  });

export type EventDetails = z.infer<typeof EventDetailsSchema>;
