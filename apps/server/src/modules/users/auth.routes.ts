import {
  ChangePasswordSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LogoutRequestSchema,
  MeSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  ProfileUpdateSchema,
  RefreshRequestSchema,
  SessionSchema,
  TokenResponseSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authed, errors } from '../../platform/http.js';
import { registerTwoFactorRoutes } from './two-factor.routes.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const auth = app.services.auth;
  const { loginRateLimitPerMinute } = app.deps.config;

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary:
          'Sign in with e-mail and password (a challenge instead of tokens when a second factor is on)',
        security: [],
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, ...errors(400, 401, 423, 429) },
      },
    },
    async (request) => auth.login(request.ctx, request.body),
  );

  app.post(
    '/auth/refresh',
    {
      config: { public: true, rateLimit: { max: loginRateLimitPerMinute * 3, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        summary: 'Trade a refresh token for new tokens (the old one stops working)',
        security: [],
        body: RefreshRequestSchema,
        response: { 200: TokenResponseSchema, ...errors(400, 401, 429) },
      },
    },
    async (request) => auth.refresh(request.ctx, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End a session (by refresh token, or the bearer token’s own)',
        security: [],
        body: LogoutRequestSchema.optional(),
        response: { 204: z.null(), ...errors(400) },
      },
    },
    async (request, reply) => {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) request.ctx.actor = await auth.resolveActor(header.slice(7));
      await auth.logout(request.ctx, request.body?.refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getMe',
        summary: 'The signed-in user, organization and permissions',
        response: { 200: MeSchema, ...errors(401) },
      },
    },
    async (request) => auth.me(authed(request)),
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        operationId: 'updateMe',
        summary: 'Change my name, phone or language',
        body: ProfileUpdateSchema,
        response: { 200: MeSchema, ...errors(400, 401) },
      },
    },
    async (request) => auth.updateMe(authed(request), request.body),
  );
  registerPasswordAndSessionRoutes(app);
  registerTwoFactorRoutes(app);
};

/** Passwords (change, reset by e-mail) and the user's own sessions. */
function registerPasswordAndSessionRoutes(app: ZodApp) {
  const auth = app.services.auth;

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        operationId: 'changePassword',
        summary: 'Change my password (other sessions are ended)',
        body: ChangePasswordSchema,
        response: { 204: z.null(), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      await auth.changePassword(authed(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordReset',
        summary: 'E-mail a password reset link (always 202)',
        security: [],
        body: PasswordResetRequestSchema,
        response: { 202: z.object({ accepted: z.literal(true) }), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.ctx, request.body.email);
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'confirmPasswordReset',
        summary: 'Set a new password with the e-mailed token',
        security: [],
        body: PasswordResetConfirmSchema,
        response: { 204: z.null(), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await auth.confirmPasswordReset(request.ctx, request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        operationId: 'listMySessions',
        summary: 'My active sessions',
        response: { 200: z.array(SessionSchema), ...errors(401) },
      },
    },
    async (request) => auth.listSessions(authed(request)),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        operationId: 'revokeMySession',
        summary: 'End one of my sessions',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await auth.revokeSession(authed(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
