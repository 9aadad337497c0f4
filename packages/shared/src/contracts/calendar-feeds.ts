import { z } from 'zod';

/**
 * iCalendar feeds (issue 15 §1): a secret, revocable address per technician and per customer that
 * calendar apps (Google Calendar, Apple Calendar, Outlook) subscribe to. The token in the address is
 * the credential; replacing the feed makes the old address answer 404.
 */

/** The feed's address: `<public address>/api/calendar/{technicians|customers}/{id}.ics?token=…` */
export const CalendarFeedSchema = z
  .object({
    url: z.string(),
    /** when this address was made (a replaced one stops working) */
    createdAt: z.string(),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

export const CalendarFeedTokenQuerySchema = z.object({
  token: z.string().trim().min(1, { message: 'validation.required' }).max(200),
});
export type CalendarFeedTokenQuery = z.infer<typeof CalendarFeedTokenQuerySchema>;
