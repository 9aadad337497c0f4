import {
  FaqArticleCreateSchema,
  FaqArticleListSchema,
  FaqArticleSchema,
  FaqArticleUpdateSchema,
  FaqListQuerySchema,
  IdParamSchema,
  TicketCreateSchema,
  TicketDetailSchema,
  TicketListQuerySchema,
  TicketMessageCreateSchema,
  TicketMessageSchema,
  TicketPageSchema,
  TicketUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../../platform/etag.js';
import { authed, errors, withEtag } from '../../../platform/http.js';

const ticketRoutes: FastifyPluginAsyncZod = async (app) => {
  const support = app.services.support;

  app.get(
    '/tickets',
    {
      config: { permission: 'tickets:read' },
      schema: {
        tags: ['communication'],
        operationId: 'listTickets',
        summary:
          'Support tickets: open ones first by SLA due time; filters status, priority, assignee, customer, overdue, q (subject or number)',
        querystring: TicketListQuerySchema,
        response: { 200: TicketPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => support.listTickets(authed(request), request.query),
  );

  app.post(
    '/tickets',
    {
      config: { permission: 'tickets:write' },
      schema: {
        tags: ['communication'],
        operationId: 'createTicket',
        summary:
          'Open a ticket with its first message; the SLA due time follows the priority (urgent 4 h, high 8 h, normal 24 h, low 72 h)',
        body: TicketCreateSchema,
        response: { 201: TicketDetailSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withEtag(reply, await support.createTicket(authed(request), request.body))),
  );

  app.get(
    '/tickets/:id',
    {
      config: { permission: 'tickets:read' },
      schema: {
        tags: ['communication'],
        operationId: 'getTicket',
        summary: 'One ticket with its messages and internal notes, oldest first, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: TicketDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await support.getTicket(authed(request), request.params.id)),
  );

  app.patch(
    '/tickets/:id',
    {
      config: { permission: 'tickets:write' },
      schema: {
        tags: ['communication'],
        operationId: 'updateTicket',
        summary:
          'Change status (resolved or closed stamps resolvedAt), priority (the SLA is recomputed from creation), assignee, subject or category (If-Match)',
        params: IdParamSchema,
        body: TicketUpdateSchema,
        response: { 200: TicketDetailSchema, ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await support.updateTicket(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.post(
    '/tickets/:id/messages',
    {
      config: { permission: 'tickets:write' },
      schema: {
        tags: ['communication'],
        operationId: 'addTicketMessage',
        summary: 'Reply on a ticket, or add an internal note only staff see (internal: true)',
        params: IdParamSchema,
        body: TicketMessageCreateSchema,
        response: { 201: TicketMessageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await support.addTicketMessage(authed(request), request.params.id, request.body)),
  );
};

const faqRoutes: FastifyPluginAsyncZod = async (app) => {
  const support = app.services.support;

  app.get(
    '/faq',
    {
      // staff need faq:read; a CUSTOMER reads the published articles (the service checks both)
      schema: {
        tags: ['communication'],
        operationId: 'listFaqArticles',
        summary:
          'FAQ answers and tutorials (markdown) by category and position; filters kind, locale, published, q',
        description:
          'A CUSTOMER (the portal) gets the published articles only, whatever `published` says, without the staff member who last edited them.',
        querystring: FaqListQuerySchema,
        response: { 200: FaqArticleListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => support.listFaq(authed(request), request.query),
  );

  app.post(
    '/faq',
    {
      config: { permission: 'faq:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'createFaqArticle',
        summary: 'Write a FAQ answer or a tutorial (markdown, at most 20,000 characters)',
        body: FaqArticleCreateSchema,
        response: { 201: FaqArticleSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withEtag(reply, await support.createFaq(authed(request), request.body))),
  );

  app.patch(
    '/faq/:id',
    {
      config: { permission: 'faq:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'updateFaqArticle',
        summary: 'Change a FAQ answer or tutorial: text, category, position, published (If-Match)',
        params: IdParamSchema,
        body: FaqArticleUpdateSchema,
        response: { 200: FaqArticleSchema, ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await support.updateFaq(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.delete(
    '/faq/:id',
    {
      config: { permission: 'faq:manage' },
      schema: {
        tags: ['communication'],
        operationId: 'deleteFaqArticle',
        summary: 'Delete a FAQ answer or tutorial (If-Match)',
        params: IdParamSchema,
        response: { 204: z.null().meta({ description: 'deleted' }), ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      await support.deleteFaq(authed(request), request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.status(204).send(null);
    },
  );
};

/** Support tickets and the FAQ (issue 14 §7), under /api. */
export const supportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(ticketRoutes);
  await app.register(faqRoutes);
};
