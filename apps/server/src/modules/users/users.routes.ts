import {
  IdParamSchema,
  TwoFactorStatusSchema,
  UserCreateSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserSchema,
  UserUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const users = app.services.users;

  app.get(
    '/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['users'],
        operationId: 'listUsers',
        summary: 'List users (search, role, active)',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => users.list(authed(request), request.query),
  );

  app.post(
    '/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        operationId: 'createUser',
        summary: 'Create a staff or customer login',
        body: UserCreateSchema,
        response: { 201: UserSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await users.create(authed(request), request.body);
      return reply.status(201).send(withEtag(reply, user));
    },
  );

  app.get(
    '/users/:id',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['users'],
        operationId: 'getUser',
        summary: 'One user, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await users.get(authed(request), request.params.id)),
  );

  app.patch(
    '/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        operationId: 'updateUser',
        summary: 'Change a user: role, area, active, specialties, hours, unlock (If-Match)',
        params: IdParamSchema,
        body: UserUpdateSchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(reply, await users.update(authed(request), request.params.id, request.body, ifMatch));
    },
  );

  app.get(
    '/users/:id/two-factor',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['users'],
        operationId: 'getUserTwoFactor',
        summary: 'Whether a user’s second factor is on',
        params: IdParamSchema,
        response: { 200: TwoFactorStatusSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => app.services.auth.twoFactor.statusOfUser(authed(request), request.params.id),
  );

  app.delete(
    '/users/:id/two-factor',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        operationId: 'resetUserTwoFactor',
        summary: 'Reset a user’s second factor (a lost phone): they sign in with the password alone, audited',
        params: IdParamSchema,
        response: { 204: z.null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await app.services.auth.twoFactor.reset(authed(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
