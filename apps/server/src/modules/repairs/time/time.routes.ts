import {
  IdParamSchema,
  RepairTimeSchema,
  TimeEntrySchema,
  TimerStartSchema,
  TimerStopSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../../platform/http.js';

export const repairTimeRoutes: FastifyPluginAsyncZod = async (app) => {
  const time = app.services.repairTime;

  app.post(
    '/repairs/:id/timers/start',
    {
      config: { permission: 'repairs:transition' },
      schema: {
        tags: ['repairs'],
        operationId: 'startRepairTimer',
        summary:
          "Start a technician's timer on the order (the caller, or another technician with repairs:update); one running timer per technician",
        params: IdParamSchema,
        body: TimerStartSchema,
        response: { 201: TimeEntrySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await time.start(authed(request), request.params.id, request.body)),
  );

  app.post(
    '/repairs/:id/timers/stop',
    {
      config: { permission: 'repairs:transition' },
      schema: {
        tags: ['repairs'],
        operationId: 'stopRepairTimer',
        summary: "Stop the technician's running timer on the order; 409 when none is running",
        params: IdParamSchema,
        body: TimerStopSchema,
        response: { 200: TimeEntrySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => time.stop(authed(request), request.params.id, request.body),
  );

  app.get(
    '/repairs/:id/time',
    {
      config: { permission: 'repairs:read' },
      schema: {
        tags: ['repairs'],
        operationId: 'getRepairTime',
        summary: 'Timer entries, time in each status, hours per technician, estimated vs actual hours',
        params: IdParamSchema,
        response: { 200: RepairTimeSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => time.time(authed(request), request.params.id),
  );
};
