import {
  FeedbackAnswerSchema,
  FeedbackQuerySchema,
  FeedbackReportSchema,
  FeedbackTokenParamSchema,
  PublicFeedbackSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../../platform/http.js';

/** Feedback after delivery (issue 14 §5): the managers' results and the customer's no-login link. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const feedback = app.services.feedback;

  app.get(
    '/feedback',
    {
      config: { permission: 'feedback:read' },
      schema: {
        tags: ['communication'],
        operationId: 'listFeedback',
        summary:
          'Customers’ answers (newest first) with the period’s summary (asked, answered, average rating, NPS) and a monthly series',
        querystring: FeedbackQuerySchema,
        response: { 200: FeedbackReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => feedback.report(authed(request), request.query),
  );

  app.get(
    '/public/feedback/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['communication'],
        operationId: 'getPublicFeedback',
        summary: 'The feedback request as the customer sees it through the link (no login)',
        security: [],
        params: FeedbackTokenParamSchema,
        response: { 200: PublicFeedbackSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => feedback.view(request.params.token),
  );

  app.post(
    '/public/feedback/:token',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['communication'],
        operationId: 'answerPublicFeedback',
        summary:
          'The customer’s rating (1–5), NPS (0–10) and comment; once per order (a second answer is a 409)',
        security: [],
        params: FeedbackTokenParamSchema,
        body: FeedbackAnswerSchema,
        response: { 200: PublicFeedbackSchema, ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (request) => feedback.answer(request.ctx, request.params.token, request.body),
  );
};
