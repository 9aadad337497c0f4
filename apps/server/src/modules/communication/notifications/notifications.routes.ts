import {
  CommunicationStatusSchema,
  ConversationAttachmentParamsSchema,
  ConversationMessageSchema,
  ConversationMessagesSchema,
  ConversationPageSchema,
  ConversationQuerySchema,
  ConversationReplyFormSchema,
  ConversationReplySchema,
  CustomerMessageListSchema,
  CustomerMessageSchema,
  CustomerMessagesQuerySchema,
  ErrorBodySchema,
  IdParamSchema,
  MessageTemplateListSchema,
  MessageTemplatePreviewInputSchema,
  MessageTemplatePreviewSchema,
  MessageTemplateQuerySchema,
  MessageTemplateSchema,
  MessageTemplateUpdateSchema,
} from '@bancada/shared';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authed, errors, fileResponse } from '../../../platform/http.js';
import { REPLY_FORM_LIMITS, readReply } from './reply-form.js';

/** Templates, an order's messages, conversations (issue 14 §1–§3). The webhooks are their own plugin. */
export const communicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['communication'];

  app.get(
    '/message-templates',
    {
      config: { permission: 'templates:manage' },
      schema: {
        tags,
        operationId: 'listMessageTemplates',
        summary: 'Every event × channel × language: the shop’s own text or the shipped default',
        querystring: MessageTemplateQuerySchema,
        response: { 200: MessageTemplateListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.notifications.listTemplates(authed(request), request.query),
  );
  app.put(
    '/message-templates',
    {
      config: { permission: 'templates:manage' },
      schema: {
        tags,
        operationId: 'saveMessageTemplate',
        summary:
          'Saves one event × channel × language (placeholders checked: an unknown one is a 400 naming it), or resets it to the default',
        body: MessageTemplateUpdateSchema,
        response: { 200: MessageTemplateSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.notifications.saveTemplate(authed(request), request.body),
  );
  app.post(
    '/message-templates/preview',
    {
      config: { permission: 'templates:manage' },
      schema: {
        tags,
        operationId: 'previewMessageTemplate',
        summary: 'A template rendered with sample values, checked like a save',
        body: MessageTemplatePreviewInputSchema,
        response: { 200: MessageTemplatePreviewSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.notifications.previewTemplate(authed(request), request.body),
  );

  app.get(
    '/messages',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags,
        operationId: 'listCustomerMessages',
        summary: 'An order’s messages to the customer, oldest first, with delivery status',
        querystring: CustomerMessagesQuerySchema,
        response: { 200: CustomerMessageListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.notifications.listMessages(authed(request), request.query),
  );
  app.get(
    '/messages/replies',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags,
        operationId: 'listOrderConversation',
        summary:
          'The conversation’s messages about an order (the customer’s replies and staff answers), oldest first; read marks unchanged',
        querystring: CustomerMessagesQuerySchema,
        response: { 200: z.array(ConversationMessageSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      app.services.notifications.conversations.ofRepair(authed(request), request.query.repairId),
  );
  app.post(
    '/messages/:id/resend',
    {
      config: { permission: 'messages:send' },
      schema: {
        tags,
        operationId: 'resendCustomerMessage',
        summary: 'Sends a failed (or kept) message again, as a new message pointing at it',
        params: IdParamSchema,
        response: { 201: CustomerMessageSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.services.notifications.resend(authed(request), request.params.id)),
  );
  app.get(
    '/communication/status',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags,
        operationId: 'communicationStatus',
        summary: 'Which providers are configured (without WhatsApp, the order page offers wa.me links)',
        response: { 200: CommunicationStatusSchema, ...errors(401, 403) },
      },
    },
    async () => app.services.notifications.status(),
  );

  app.get(
    '/conversations',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags,
        operationId: 'listConversations',
        summary: 'The inbox: one conversation per customer, newest first, with this user’s unread counts',
        querystring: ConversationQuerySchema,
        response: { 200: ConversationPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.notifications.conversations.list(authed(request), request.query),
  );
  app.get(
    '/conversations/:id/messages',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags,
        operationId: 'listConversationMessages',
        summary: 'A conversation’s latest messages, oldest first; opening it marks it read',
        params: IdParamSchema,
        response: { 200: ConversationMessagesSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => app.services.notifications.conversations.messages(authed(request), request.params.id),
  );
  await conversationWriteRoutes(app, tags);
};

/** A staff reply (JSON, or a form with photos and PDFs) and a conversation's files. */
async function conversationWriteRoutes(app: Parameters<FastifyPluginAsyncZod>[0], tags: string[]) {
  // a staff reply may carry photos and PDFs: multipart for this plugin's routes only
  await app.register(multipart, { limits: REPLY_FORM_LIMITS, throwFileSizeLimit: true });
  app.post(
    '/conversations/:id/messages',
    {
      config: { permission: 'messages:send' },
      schema: {
        tags,
        operationId: 'replyToConversation',
        summary:
          'A staff reply: WhatsApp inside the 24-hour window (with the customer’s consent), SMS or e-mail; out at once. JSON `{text}`, or multipart/form-data with up to 5 `files` (JPEG/PNG/WebP/PDF, 10 MB each, 20 MB together): by WhatsApp one image/document message per file (the text as the first caption), by e-mail attachments; SMS carries no files (409)',
        consumes: ['application/json', 'multipart/form-data'],
        // the route reads the body itself (JSON or the form's parts); documented here for both
        documentedBody: {
          'application/json': ConversationReplySchema,
          'multipart/form-data': ConversationReplyFormSchema,
        },
        params: IdParamSchema,
        response: {
          201: ConversationMessageSchema,
          ...errors(400, 401, 403, 404, 409, 413),
          415: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const ctx = authed(request);
      const { reply: body, files } = await readReply(request);
      const message = await app.services.notifications.conversations.reply(
        ctx,
        request.params.id,
        body,
        files,
      );
      return reply.code(201).send(message);
    },
  );
  app.get(
    '/conversations/:id/attachments/:attachmentId',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags,
        operationId: 'getConversationAttachment',
        summary:
          'A file of a conversation (a customer’s WhatsApp photo, document, voice note or video, or a staff attachment); 409 while an inbound file is still being fetched',
        params: ConversationAttachmentParamsSchema,
        response: {
          200: fileResponse(
            'The file as kept',
            'image/jpeg',
            'image/png',
            'image/webp',
            'application/pdf',
            'application/octet-stream',
          ),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const file = await app.services.notifications.conversations.openAttachment(
        authed(request),
        request.params.id,
        request.params.attachmentId,
      );
      const disposition = file.inline ? 'inline' : 'attachment';
      return (
        reply
          .header('content-type', file.contentType)
          .header('content-length', file.size)
          .header(
            'content-disposition',
            `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          // a customer's file is never run as a page of ours
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=31536000, immutable')
          // a stream bypasses the JSON serializer; the schema above only documents the body
          .send(file.stream as unknown as string)
      );
    },
  );
}
