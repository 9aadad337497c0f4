import {
  AppointmentArrivalSchema,
  AppointmentCalendarSchema,
  AppointmentCancelSchema,
  AppointmentCreateSchema,
  AppointmentDetailSchema,
  AppointmentListQuerySchema,
  AppointmentSchema,
  AppointmentUpdateSchema,
  BayCreateSchema,
  BayListQuerySchema,
  BayListSchema,
  BaySchema,
  BayUpdateSchema,
  CapacityQuerySchema,
  CapacitySchema,
  HolidayCreateSchema,
  HolidayListQuerySchema,
  HolidayListSchema,
  HolidaySchema,
  IdParamSchema,
  SlotListSchema,
  SlotQuerySchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

type App = Parameters<FastifyPluginAsyncZod>[0];
const tags = ['scheduling'];

/** Free slots, capacity, the calendar and booking. */
function bookingRoutes(app: App) {
  app.get(
    '/appointments/slots',
    {
      schema: {
        tags,
        operationId: 'listFreeSlots',
        summary:
          'Free slots for the catalog services’ standard hours: working hours and breaks, less holidays, bookings and the open orders’ remaining hours; 15-minute starts in the shop’s time zone. Without technicianId, one slot per start (the first free technician); a free bay is needed where the branch has bays',
        querystring: SlotQuerySchema,
        response: { 200: SlotListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => app.services.appointmentAvailability.slots(authed(request), request.query),
  );

  app.get(
    '/appointments/capacity',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags,
        operationId: 'getCapacity',
        summary:
          'A day per technician: available hours, booked hours (appointments plus the open orders’ remaining hours), and orders whose deadline is at risk, computed now',
        querystring: CapacityQuerySchema,
        response: { 200: CapacitySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => app.services.appointmentAvailability.capacity(authed(request), request.query),
  );

  const appointments = () => app.services.appointments;
  app.get(
    '/appointments',
    {
      schema: {
        tags,
        operationId: 'listAppointments',
        summary:
          'The calendar of a range: appointments starting in it, and (`orderDates`) the open orders received or due in it',
        querystring: AppointmentListQuerySchema,
        response: { 200: AppointmentCalendarSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => appointments().list(authed(request), request.query),
  );

  app.post(
    '/appointments',
    {
      schema: {
        tags,
        operationId: 'createAppointment',
        summary:
          'Book: without `end` the services’ standard hours set it; a taken technician or bay answers 409 naming it, with `details.nextSlots`',
        body: AppointmentCreateSchema,
        response: { 201: AppointmentSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      withEtag(reply.status(201), await appointments().create(authed(request), request.body)),
  );
}

/** One appointment: read, reschedule, and the status actions. */
function appointmentRoutes(app: App) {
  const appointments = () => app.services.appointments;
  app.get(
    '/appointments/:id',
    {
      schema: {
        tags,
        operationId: 'getAppointment',
        summary: 'One appointment with its reschedule history, and an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: AppointmentDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await appointments().get(authed(request), request.params.id)),
  );

  app.patch(
    '/appointments/:id',
    {
      schema: {
        tags,
        operationId: 'rescheduleAppointment',
        summary:
          'Reschedule (If-Match): a new start keeps the duration unless `end` is given; 409 as for booking',
        params: IdParamSchema,
        body: AppointmentUpdateSchema,
        response: { 200: AppointmentSchema, ...errors(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(
        reply,
        await appointments().update(authed(request), request.params.id, request.body, ifMatch),
      );
    },
  );

  app.post(
    '/appointments/:id/cancel',
    {
      schema: {
        tags,
        operationId: 'cancelAppointment',
        summary: 'Cancel (a customer: until 2 hours before the start)',
        params: IdParamSchema,
        body: AppointmentCancelSchema,
        response: { 200: AppointmentSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      withEtag(reply, await appointments().cancel(authed(request), request.params.id, request.body?.reason)),
  );

  for (const [path, operationId, summary, act] of [
    ['confirm', 'confirmAppointment', 'SCHEDULED → CONFIRMED; the customer is told', 'confirm'],
    ['no-show', 'markAppointmentNoShow', 'The customer did not come', 'noShow'],
  ] as const) {
    app.post(
      `/appointments/:id/${path}`,
      {
        config: { permission: 'appointments:write' },
        schema: {
          tags,
          operationId,
          summary,
          params: IdParamSchema,
          response: { 200: AppointmentSchema, ...errors(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) =>
        withEtag(reply, await appointments()[act](authed(request), request.params.id)),
    );
  }

  app.post(
    '/appointments/:id/arrive',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags,
        operationId: 'arriveAppointment',
        summary:
          'The customer is here (from SCHEDULED or CONFIRMED, at any time): opens the service order in the same transaction; arriving again answers the same order',
        params: IdParamSchema,
        response: { 200: AppointmentArrivalSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => appointments().arrive(authed(request), request.params.id),
  );
}

/** Bays, lifts and benches, and the shop's holidays. */
function bayRoutes(app: App) {
  app.get(
    '/bays',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags,
        operationId: 'listBays',
        summary: 'The bays, lifts and benches of a branch (default: the caller’s)',
        querystring: BayListQuerySchema,
        response: { 200: BayListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => app.services.bays.list(authed(request), request.query),
  );

  app.post(
    '/bays',
    {
      config: { permission: 'bays:manage' },
      schema: {
        tags,
        operationId: 'createBay',
        summary: 'A bay, lift or bench of a branch',
        body: BayCreateSchema,
        response: { 201: BaySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      withEtag(reply.status(201), await app.services.bays.create(authed(request), request.body)),
  );

  app.patch(
    '/bays/:id',
    {
      config: { permission: 'bays:manage' },
      schema: {
        tags,
        operationId: 'updateBay',
        summary: 'Rename, change the kind or deactivate a bay (If-Match)',
        params: IdParamSchema,
        body: BayUpdateSchema,
        response: { 200: BaySchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(
        reply,
        await app.services.bays.update(authed(request), request.params.id, request.body, ifMatch),
      );
    },
  );

  app.get(
    '/holidays',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags,
        operationId: 'listHolidays',
        summary: 'Days the shop is closed (a branch’s or every branch’s)',
        querystring: HolidayListQuerySchema,
        response: { 200: HolidayListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.bays.listHolidays(authed(request), request.query),
  );

  app.post(
    '/holidays',
    {
      config: { permission: 'bays:manage' },
      schema: {
        tags,
        operationId: 'createHoliday',
        summary: 'Close the shop on a day (one branch, or every branch without branchId)',
        body: HolidayCreateSchema,
        response: { 201: HolidaySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await app.services.bays.createHoliday(authed(request), request.body)),
  );

  app.delete(
    '/holidays/:id',
    {
      config: { permission: 'bays:manage' },
      schema: {
        tags,
        operationId: 'deleteHoliday',
        summary: 'Open the shop again on that day',
        params: IdParamSchema,
        response: { 204: z.null().meta({ description: 'deleted' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await app.services.bays.deleteHoliday(authed(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/**
 * Appointments and the shop's calendar (issue 15 §1; the paths and bodies are the fixed API).
 * Routes a CUSTOMER may call for their own appointments (`customer: 'own'` in route-access.ts) declare
 * no permission: the service checks the role's permission or the customer's ownership.
 */
export const schedulingRoutes: FastifyPluginAsyncZod = async (app) => {
  bookingRoutes(app);
  appointmentRoutes(app);
  bayRoutes(app);
};
