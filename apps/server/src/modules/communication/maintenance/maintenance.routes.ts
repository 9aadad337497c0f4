import {
  IdParamSchema,
  MaintenancePlanCreateSchema,
  MaintenancePlanListSchema,
  MaintenancePlanSchema,
  MaintenancePlanUpdateSchema,
  MaintenanceReminderPageSchema,
  MaintenanceReminderQuerySchema,
  MaintenanceTemplateListSchema,
  MaintenanceTemplateQuerySchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../../platform/etag.js';
import { authed, errors, withEtag } from '../../../platform/http.js';

/** Preventive maintenance plans per asset and the reminders due (issue 14 §4). */
export const maintenanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const maintenance = () => app.services.maintenance;

  app.get(
    '/assets/:id/maintenance-plans',
    {
      config: { permission: 'assets:read' },
      schema: {
        tags: ['maintenance'],
        operationId: 'listMaintenancePlans',
        summary: 'The asset’s maintenance plans with the projected due date, active first',
        params: IdParamSchema,
        response: { 200: MaintenancePlanListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => maintenance().listByAsset(authed(request), request.params.id),
  );

  app.post(
    '/assets/:id/maintenance-plans',
    {
      config: { permission: 'assets:write' },
      schema: {
        tags: ['maintenance'],
        operationId: 'createMaintenancePlan',
        summary:
          'A plan from a template of the asset’s kind or by hand (a name and at least one interval); the last service defaults to now at the latest reading',
        params: IdParamSchema,
        body: MaintenancePlanCreateSchema,
        response: { 201: MaintenancePlanSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const plan = await maintenance().create(authed(request), request.params.id, request.body);
      return withEtag(reply.status(201), plan);
    },
  );

  app.patch(
    '/maintenance-plans/:id',
    {
      config: { permission: 'assets:write' },
      schema: {
        tags: ['maintenance'],
        operationId: 'updateMaintenancePlan',
        summary: 'Edit the intervals, mark the plan served, or deactivate it (If-Match optional)',
        params: IdParamSchema,
        body: MaintenancePlanUpdateSchema,
        response: { 200: MaintenancePlanSchema, ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(
        reply,
        await maintenance().update(authed(request), request.params.id, request.body, ifMatch),
      );
    },
  );

  app.get(
    '/maintenance-templates',
    {
      config: { permission: 'assets:read' },
      schema: {
        tags: ['maintenance'],
        operationId: 'listMaintenanceTemplates',
        summary: 'The plans offered per asset kind, named in the request’s language',
        querystring: MaintenanceTemplateQuerySchema,
        response: { 200: MaintenanceTemplateListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => maintenance().templates(authed(request), request.query),
  );

  app.get(
    '/maintenance-reminders',
    {
      config: { permission: 'assets:read' },
      schema: {
        tags: ['maintenance'],
        operationId: 'listMaintenanceReminders',
        summary: 'Plans due soon or overdue across the organization, soonest first',
        querystring: MaintenanceReminderQuerySchema,
        response: { 200: MaintenanceReminderPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => maintenance().reminders(authed(request), request.query),
  );
};
