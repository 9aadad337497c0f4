import {
  AnonymiseBodySchema,
  AnonymiseResultSchema,
  ConsentReportQuerySchema,
  ConsentReportSchema,
  DataExportQuerySchema,
  IdParamSchema,
  IncidentCreateSchema,
  IncidentListSchema,
  IncidentSchema,
  IncidentUpdateSchema,
  PolicyUpdateSchema,
  PolicyVersionListSchema,
  PolicyVersionParamSchema,
  PolicyVersionSchema,
  PublicPolicyQuerySchema,
  PublicPolicySchema,
  RetentionPreviewBodySchema,
  RetentionPreviewSchema,
  RetentionRunSchema,
  RetentionSettingsSchema,
  RetentionSettingsUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, fileResponse, withEtag } from '../../platform/http.js';
import { exportToCsv } from './export.service.js';

/** The customer's rights (export, anonymisation) on the customer's address. */
const customerRights: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/customers/:id/data-export',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags: ['privacy'],
        operationId: 'exportCustomerData',
        summary:
          'Everything kept about a customer (LGPD art. 18/19): JSON, or one CSV with a section column; staff who read customers and invoices',
        params: IdParamSchema,
        querystring: DataExportQuerySchema,
        response: {
          200: fileResponse(
            'JSON (CustomerDataExport) or UTF-8 CSV with columns section, record, field, value',
            'application/json',
            'text/csv',
          ),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const data = await app.services.privacyExport.exportCustomer(authed(request), request.params.id);
      const name = `dados-cliente-${request.params.id.slice(0, 8)}-${data.generatedAt.slice(0, 10)}`;
      if (request.query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(exportToCsv(data));
      }
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.json"`)
        .send(JSON.stringify(data, null, 2));
    },
  );

  app.post(
    '/customers/:id/anonymise',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'anonymiseCustomer',
        summary:
          'Replace the customer’s identifiers (LGPD art. 16/18): invoices and fiscal documents are kept; 409 with open orders or an unpaid balance',
        params: IdParamSchema,
        body: AnonymiseBodySchema,
        response: { 200: AnonymiseResultSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      app.services.privacyRetention.anonymise(authed(request), request.params.id, request.body.reason),
  );
};

const consentsAndRetention: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/privacy/consents',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'getConsentReport',
        summary: 'Per purpose: customers who granted, revoked or were never asked; a page of one purpose',
        querystring: ConsentReportQuerySchema,
        response: { 200: ConsentReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.privacyConsents.report(authed(request), request.query),
  );

  app.get(
    '/privacy/consents/export',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'exportConsentReport',
        summary: 'The consent report of one purpose as CSV (UTF-8)',
        querystring: ConsentReportQuerySchema,
        response: { 200: fileResponse('UTF-8 CSV', 'text/csv'), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const csv = await app.services.privacyConsents.csv(authed(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="consentimentos-${request.query.purpose}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/privacy/retention',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'getRetentionSettings',
        summary: 'Retention settings, the periods the law fixes, and the last run of the daily job',
        response: { 200: RetentionSettingsSchema, ...errors(401, 403) },
      },
    },
    async (request, reply) => withEtag(reply, await app.services.privacyRetention.settings(authed(request))),
  );

  app.put(
    '/privacy/retention',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'updateRetentionSettings',
        summary: 'Change the retention settings (If-Match)',
        body: RetentionSettingsUpdateSchema,
        response: { 200: RetentionSettingsSchema, ...errors(400, 401, 403, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await app.services.privacyRetention.updateSettings(
          authed(request),
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.post(
    '/privacy/retention/preview',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'previewRetention',
        summary:
          'Dry run: how many customers and photos the settings (saved, or the ones sent) would remove now, with a sample',
        body: RetentionPreviewBodySchema,
        response: { 200: RetentionPreviewSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.privacyRetention.preview(authed(request), request.body),
  );

  app.post(
    '/privacy/retention/run',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'runRetention',
        summary: 'Apply the saved retention settings now (what the daily job does)',
        response: { 200: RetentionRunSchema, ...errors(401, 403) },
      },
    },
    async (request) => app.services.privacyRetention.runNow(authed(request)),
  );
};

const incidents: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/privacy/incidents',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'listIncidents',
        summary:
          'The incident register, newest discovery first, with the ANPD deadline and whether it is overdue',
        response: { 200: IncidentListSchema, ...errors(401, 403) },
      },
    },
    async (request) => app.services.privacyIncidents.list(authed(request)),
  );

  app.post(
    '/privacy/incidents',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'createIncident',
        summary: 'Record a security incident; the ANPD deadline is 3 working days after discovery',
        body: IncidentCreateSchema,
        response: { 201: IncidentSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await app.services.privacyIncidents.create(authed(request), request.body)),
  );

  app.get(
    '/privacy/incidents/:id',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'getIncident',
        summary: 'One incident of the register',
        params: IdParamSchema,
        response: { 200: IncidentSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      withEtag(reply, await app.services.privacyIncidents.get(authed(request), request.params.id)),
  );

  app.patch(
    '/privacy/incidents/:id',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'updateIncident',
        summary:
          'Update an incident: notifications, measures, status (If-Match); incidents are never deleted',
        params: IdParamSchema,
        body: IncidentUpdateSchema,
        response: { 200: IncidentSchema, ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await app.services.privacyIncidents.update(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );
};

const policy: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/privacy/policy',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'listPolicyVersions',
        summary: 'The privacy policy: the current version and every earlier one (author, date)',
        response: { 200: PolicyVersionListSchema, ...errors(401, 403) },
      },
    },
    async (request) => app.services.privacyPolicy.versions(authed(request)),
  );

  app.get(
    '/privacy/policy/versions/:version',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'getPolicyVersion',
        summary: 'One version of the privacy policy',
        params: PolicyVersionParamSchema,
        response: { 200: PolicyVersionSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => app.services.privacyPolicy.version(authed(request), request.params.version),
  );

  app.post(
    '/privacy/policy',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'publishPolicy',
        summary: 'Publish a new version of the privacy policy (the earlier ones stay readable)',
        body: PolicyUpdateSchema,
        response: { 201: PolicyVersionSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await app.services.privacyPolicy.publish(authed(request), request.body.body)),
  );

  app.get(
    '/public/privacy-policy',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['privacy'],
        operationId: 'getPublicPrivacyPolicy',
        summary:
          'The privacy policy as the public page shows it (no login); without organization, the installation’s only one',
        security: [],
        querystring: PublicPolicyQuerySchema,
        response: { 200: PublicPolicySchema, ...errors(400, 404, 429) },
      },
    },
    async (request) => app.services.privacyPolicy.publicPolicy(request.query.organization),
  );
};

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(customerRights);
  await app.register(consentsAndRetention);
  await app.register(incidents);
  await app.register(policy);
};
