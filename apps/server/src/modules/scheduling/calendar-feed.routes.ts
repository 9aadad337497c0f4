import { CalendarFeedSchema, CalendarFeedTokenQuerySchema, IdParamSchema } from '@bancada/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors, fileResponse } from '../../platform/http.js';

function sendIcs(reply: FastifyReply, text: string) {
  return (
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="calendar.ics"')
      // the address is a secret: no shared cache keeps a copy
      .header('cache-control', 'private, no-store')
      .send(text)
  );
}

/**
 * iCalendar feeds (issue 15 §1): the .ics addresses calendar apps subscribe to (no sign-in: the token
 * is the credential), and the signed-in ways to read and replace one's own address.
 */
export const calendarFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  const feeds = app.services.calendarFeeds;
  // a calendar app polls every few minutes to hours; more than this from one address is not an app
  const limited = { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } } as const;

  app.get(
    '/calendar/technicians/:id.ics',
    {
      config: limited,
      schema: {
        tags: ['scheduling'],
        operationId: 'getTechnicianCalendarFeed',
        summary:
          "A technician's appointments as an iCalendar feed (RFC 5545), 30 days back to a year ahead, cancelled ones marked CANCELLED (no login: the token is the credential)",
        security: [],
        params: IdParamSchema,
        querystring: CalendarFeedTokenQuerySchema,
        response: { 200: fileResponse('iCalendar feed', 'text/calendar'), ...errors(400, 404, 429) },
      },
    },
    async (request, reply) =>
      sendIcs(reply, await feeds.ics('TECHNICIAN', request.params.id, request.query.token)),
  );

  app.get(
    '/calendar/customers/:id.ics',
    {
      config: limited,
      schema: {
        tags: ['scheduling'],
        operationId: 'getCustomerCalendarFeed',
        summary:
          "A customer's appointments as an iCalendar feed (RFC 5545), 30 days back to a year ahead, cancelled ones marked CANCELLED (no login: the token is the credential)",
        security: [],
        params: IdParamSchema,
        querystring: CalendarFeedTokenQuerySchema,
        response: { 200: fileResponse('iCalendar feed', 'text/calendar'), ...errors(400, 404, 429) },
      },
    },
    async (request, reply) =>
      sendIcs(reply, await feeds.ics('CUSTOMER', request.params.id, request.query.token)),
  );

  // the user themself, or whoever manages users (route-access `self: 'user'`: the service checks both)
  app.get(
    '/users/:id/calendar-feed',
    {
      schema: {
        tags: ['scheduling'],
        operationId: 'getUserCalendarFeed',
        summary:
          "The secret address of the staff member's appointment feed (made on first request); the user themself or an administrator",
        params: IdParamSchema,
        response: { 200: CalendarFeedSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => feeds.forUser(authed(request), request.params.id),
  );

  app.post(
    '/users/:id/calendar-feed',
    {
      schema: {
        tags: ['scheduling'],
        operationId: 'replaceUserCalendarFeed',
        summary: 'A new secret feed address for the staff member; the old one stops working at once',
        params: IdParamSchema,
        response: { 200: CalendarFeedSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => feeds.replaceForUser(authed(request), request.params.id),
  );

  app.get(
    '/portal/calendar-feed',
    {
      schema: {
        tags: ['scheduling'],
        operationId: 'getPortalCalendarFeed',
        summary: "The signed-in customer's secret appointment feed address (made on first request)",
        response: { 200: CalendarFeedSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => feeds.forPortal(authed(request)),
  );

  app.post(
    '/portal/calendar-feed',
    {
      schema: {
        tags: ['scheduling'],
        operationId: 'replacePortalCalendarFeed',
        summary: 'A new secret feed address for the signed-in customer; the old one stops working at once',
        response: { 200: CalendarFeedSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => feeds.replaceForPortal(authed(request)),
  );
};
