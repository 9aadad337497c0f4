import {
  CampaignCreateSchema,
  CampaignListQuerySchema,
  CampaignListSchema,
  CampaignPreviewBodySchema,
  CampaignPreviewSchema,
  CampaignSchema,
  CampaignUnsubscribeParamSchema,
  CampaignUnsubscribeSchema,
  IdParamSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../../platform/http.js';

/** Campaigns with marketing consent (issue 14 §6) and the customers' unsubscribe link. */
export const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const campaigns = app.services.campaigns;

  app.post(
    '/campaigns',
    {
      config: { permission: 'campaigns:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'createCampaign',
        summary:
          'A draft campaign: segment, channels, a text per channel ({{customerName}}, {{shopName}}, {{unsubscribeLink}}; another placeholder is a 400 naming it)',
        body: CampaignCreateSchema,
        response: { 201: CampaignSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await campaigns.create(authed(request), request.body)),
  );

  app.get(
    '/campaigns',
    {
      config: { permission: 'campaigns:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'listCampaigns',
        summary: 'Campaigns, newest first',
        querystring: CampaignListQuerySchema,
        response: { 200: CampaignListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => campaigns.list(authed(request), request.query),
  );

  app.post(
    '/campaigns/preview',
    {
      config: { permission: 'campaigns:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'previewCampaignAudience',
        summary:
          'How many customers of a segment each channel would reach (marketing consent and an address)',
        body: CampaignPreviewBodySchema,
        response: { 200: CampaignPreviewSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => campaigns.preview(authed(request), request.body),
  );

  app.get(
    '/campaigns/:id',
    {
      config: { permission: 'campaigns:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'getCampaign',
        summary: 'A campaign with its counts: messages sent, delivered, read, failed; customers unsubscribed',
        params: IdParamSchema,
        response: { 200: CampaignSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => campaigns.get(authed(request), request.params.id),
  );

  app.post(
    '/campaigns/:id/send',
    {
      config: { permission: 'campaigns:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'sendCampaign',
        summary:
          'Sends the campaign once (a second send is a 409): its messages are queued in batches of 50 a minute apart, outside quiet hours',
        params: IdParamSchema,
        response: { 202: CampaignSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await campaigns.send(authed(request), request.params.id)),
  );

  app.get(
    '/public/unsubscribe/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['communication'],
        operationId: 'getUnsubscribe',
        summary: 'What a campaign message’s unsubscribe link will do (no login)',
        security: [],
        params: CampaignUnsubscribeParamSchema,
        response: { 200: CampaignUnsubscribeSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => campaigns.unsubscribeInfo(request.params.token),
  );

  app.post(
    '/public/unsubscribe/:token',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['communication'],
        operationId: 'unsubscribe',
        summary: 'Revokes marketing consent on the link’s channel at once, in the consent ledger (no login)',
        security: [],
        params: CampaignUnsubscribeParamSchema,
        response: { 200: CampaignUnsubscribeSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => campaigns.unsubscribe(request.ctx, request.params.token),
  );
};
