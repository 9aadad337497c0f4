import {
  DataExportQuerySchema,
  DataRequestCreatedSchema,
  DataRequestCreateSchema,
  DataRequestListSchema,
  DataRequestResolveSchema,
  IdParamSchema,
  PortalAcceptInvitationSchema,
  PortalAccountReadySchema,
  PortalInvitationSentSchema,
  PortalRegisterAcceptedSchema,
  PortalRegisterSchema,
  PortalVerifyEmailSchema,
  StaffDataRequestPageSchema,
  StaffDataRequestQuerySchema,
  StaffDataRequestSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors, fileResponse } from '../../platform/http.js';
import { exportToCsv } from '../privacy/export.service.js';

/** Customer accounts (issue 15 §2): registration, e-mail verification, invitations. */
const accounts: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.portalAccounts;
  // per address, as for sign-in; the service also limits each e-mail per hour
  const limited = { max: app.deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/portal/register',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags: ['portal'],
        operationId: 'portalRegister',
        summary:
          'Create a customer account: the e-mailed link confirms it (always 202 for a well-formed body, known e-mail or not)',
        security: [],
        body: PortalRegisterSchema,
        response: { 202: PortalRegisterAcceptedSchema, ...errors(400, 404, 429) },
      },
    },
    async (request, reply) => {
      await service.register(request.ctx, request.body);
      return reply.status(202).send({ status: 'verification_sent' });
    },
  );

  app.post(
    '/portal/verify-email',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags: ['portal'],
        operationId: 'portalVerifyEmail',
        summary:
          'Confirm the e-mail with the link’s token: the account exists and signs in with /api/auth/login',
        security: [],
        body: PortalVerifyEmailSchema,
        response: { 200: PortalAccountReadySchema, ...errors(400, 409, 429) },
      },
    },
    async (request) => service.verifyEmail(request.ctx, request.body.token),
  );

  app.post(
    '/portal/accept-invitation',
    {
      config: { public: true, rateLimit: limited },
      schema: {
        tags: ['portal'],
        operationId: 'portalAcceptInvitation',
        summary: 'Choose a password with the invitation’s token: the customer’s login is made',
        security: [],
        body: PortalAcceptInvitationSchema,
        response: { 200: PortalAccountReadySchema, ...errors(400, 409, 429) },
      },
    },
    async (request) => service.acceptInvitation(request.ctx, request.body),
  );

  app.post(
    '/customers/:id/portal-invitation',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['portal'],
        operationId: 'invitePortalCustomer',
        summary: 'E-mail the customer a link to the portal (409 without an e-mail or with a login already)',
        params: IdParamSchema,
        response: { 202: PortalInvitationSentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.invite(authed(request), request.params.id);
      return reply.status(202).send({ status: 'invitation_sent' });
    },
  );
};

/** The customer's own data (LGPD art. 18/19): the export, and correction or deletion requests. */
const customerRights: FastifyPluginAsyncZod = async (app) => {
  const requests = app.services.portalDataRequests;

  app.get(
    '/portal/export',
    {
      schema: {
        tags: ['portal'],
        operationId: 'exportMyData',
        summary:
          'Everything the shop keeps about the signed-in customer: JSON (CustomerDataExport), or one CSV with a section column',
        querystring: DataExportQuerySchema,
        response: {
          200: fileResponse(
            'JSON (CustomerDataExport) or UTF-8 CSV with columns section, record, field, value',
            'application/json',
            'text/csv',
          ),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const data = await app.services.privacyExport.exportOwn(authed(request));
      const name = `meus-dados-${data.generatedAt.slice(0, 10)}`;
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
    '/portal/data-requests',
    {
      schema: {
        tags: ['portal'],
        operationId: 'createMyDataRequest',
        summary: 'Ask the shop to correct or delete my data (the managers are told by e-mail)',
        body: DataRequestCreateSchema,
        response: { 201: DataRequestCreatedSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await requests.create(authed(request), request.body)),
  );

  app.get(
    '/portal/data-requests',
    {
      schema: {
        tags: ['portal'],
        operationId: 'listMyDataRequests',
        summary: 'My correction and deletion requests, with their status and the shop’s answer',
        response: { 200: DataRequestListSchema, ...errors(401, 403) },
      },
    },
    async (request) => requests.listOwn(authed(request)),
  );

  app.get(
    '/data-requests',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'listDataRequests',
        summary: 'Customers’ correction and deletion requests, newest first',
        querystring: StaffDataRequestQuerySchema,
        response: { 200: StaffDataRequestPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => requests.list(authed(request), request.query),
  );

  app.post(
    '/data-requests/:id/resolve',
    {
      config: { permission: 'privacy:manage' },
      schema: {
        tags: ['privacy'],
        operationId: 'resolveDataRequest',
        summary: 'Answer a request: DONE or REJECTED, with the answer the customer reads',
        params: IdParamSchema,
        body: DataRequestResolveSchema,
        response: { 200: StaffDataRequestSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => requests.resolve(authed(request), request.params.id, request.body),
  );
};

export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(accounts);
  await app.register(customerRights);
};
