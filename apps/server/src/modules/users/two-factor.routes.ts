import {
  RecoveryCodesSchema,
  SessionsRevokedSchema,
  TokenResponseSchema,
  TwoFactorConfirmSchema,
  TwoFactorDisableSchema,
  TwoFactorEnrolledSchema,
  TwoFactorEnrolmentConfirmSchema,
  TwoFactorEnrolmentStartSchema,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
  TwoFactorVerifySchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authed, errors } from '../../platform/http.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/** The sign-in's second step and enrolment during a sign-in: public, rate-limited like the password step. */
function registerChallengeRoutes(app: ZodApp) {
  const twoFactor = app.services.auth.twoFactor;
  const { loginRateLimitPerMinute } = app.deps.config;
  const limited = { public: true, rateLimit: { max: loginRateLimitPerMinute, timeWindow: '1 minute' } };

  app.post(
    '/auth/two-factor/verify',
    {
      config: limited,
      schema: {
        tags: ['auth'],
        operationId: 'verifyTwoFactor',
        summary: 'Finish a sign-in with the authenticator code or a recovery code (each works once)',
        security: [],
        body: TwoFactorVerifySchema,
        response: { 200: TokenResponseSchema, ...errors(400, 401, 423, 429) },
      },
    },
    async (request) => twoFactor.verify(request.ctx, request.body),
  );

  app.post(
    '/auth/two-factor/enrolment',
    {
      config: limited,
      schema: {
        tags: ['auth'],
        operationId: 'startTwoFactorEnrolment',
        summary:
          'During a sign-in that requires a second factor: a new secret to add to an authenticator app',
        security: [],
        body: TwoFactorEnrolmentStartSchema,
        response: { 200: TwoFactorSetupSchema, ...errors(400, 401, 423, 429) },
      },
    },
    async (request) => twoFactor.startEnrolment(request.ctx, request.body.challengeToken),
  );

  app.post(
    '/auth/two-factor/enrolment/confirm',
    {
      config: limited,
      schema: {
        tags: ['auth'],
        operationId: 'confirmTwoFactorEnrolment',
        summary: 'Confirm the new secret with a code and finish the sign-in (recovery codes shown once)',
        security: [],
        body: TwoFactorEnrolmentConfirmSchema,
        response: { 200: TwoFactorEnrolledSchema, ...errors(400, 401, 423, 429) },
      },
    },
    async (request) => twoFactor.finishEnrolment(request.ctx, request.body),
  );
}

/** The signed-in user's own second factor and "sign out everywhere". */
function registerOwnRoutes(app: ZodApp) {
  const auth = app.services.auth;
  const twoFactor = auth.twoFactor;

  app.get(
    '/auth/two-factor',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getMyTwoFactor',
        summary: 'Whether my second factor is on, and recovery codes left',
        response: { 200: TwoFactorStatusSchema, ...errors(401) },
      },
    },
    async (request) => twoFactor.status(authed(request)),
  );

  app.post(
    '/auth/two-factor/setup',
    {
      schema: {
        tags: ['auth'],
        operationId: 'setUpTwoFactor',
        summary: 'A new secret (QR code, otpauth:// address, typed key); on only once confirmed',
        response: { 200: TwoFactorSetupSchema, ...errors(401, 403, 409) },
      },
    },
    async (request) => twoFactor.setup(authed(request)),
  );

  app.post(
    '/auth/two-factor/confirm',
    {
      schema: {
        tags: ['auth'],
        operationId: 'confirmTwoFactor',
        summary: 'Turn the second factor on with a current code; answers the 10 recovery codes, once',
        body: TwoFactorConfirmSchema,
        response: { 200: RecoveryCodesSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => twoFactor.confirm(authed(request), request.body),
  );

  app.post(
    '/auth/two-factor/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        operationId: 'regenerateRecoveryCodes',
        summary:
          'New recovery codes for a current authenticator code; the old ones stop working (shown once)',
        body: TwoFactorConfirmSchema,
        response: { 200: RecoveryCodesSchema, ...errors(400, 401, 409) },
      },
    },
    async (request) => twoFactor.regenerateRecoveryCodes(authed(request), request.body),
  );

  app.post(
    '/auth/two-factor/disable',
    {
      schema: {
        tags: ['auth'],
        operationId: 'disableTwoFactor',
        summary: 'Turn my second factor off with a current code or my password',
        body: TwoFactorDisableSchema,
        response: { 204: z.null(), ...errors(400, 401, 409) },
      },
    },
    async (request, reply) => {
      await twoFactor.disable(authed(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        operationId: 'revokeAllMySessions',
        summary: 'Sign out everywhere: end every session of mine, this one too',
        response: { 200: SessionsRevokedSchema, ...errors(401) },
      },
    },
    async (request) => auth.revokeAllSessions(authed(request)),
  );
}

export function registerTwoFactorRoutes(app: ZodApp) {
  registerChallengeRoutes(app);
  registerOwnRoutes(app);
}
