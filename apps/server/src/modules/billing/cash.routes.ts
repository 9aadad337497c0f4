import {
  CashMovementCreateSchema,
  CashRegisterCloseSchema,
  CashRegisterOpenSchema,
  CashRegisterSchema,
  IdParamSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authed, errors } from '../../platform/http.js';

/** The branch's daily cash register (issue 12 §2). */
export const cashRoutes: FastifyPluginAsyncZod = async (app) => {
  const cash = app.services.cash;
  const tags = ['billing'];

  app.get(
    '/cash-register',
    {
      config: { permission: 'cash:manage' },
      schema: {
        tags,
        operationId: 'getCurrentCashRegister',
        summary:
          "The branch's open register with its movements and the day's totals per method (null when closed)",
        response: { 200: CashRegisterSchema.nullable(), ...errors(401, 403) },
      },
    },
    async (request) => cash.current(authed(request)),
  );

  app.get(
    '/cash-registers',
    {
      config: { permission: 'cash:manage' },
      schema: {
        tags,
        operationId: 'listCashRegisters',
        summary: "The branch's last 30 registers, newest first",
        response: { 200: z.array(CashRegisterSchema), ...errors(401, 403) },
      },
    },
    async (request) => cash.history(authed(request)),
  );

  app.get(
    '/cash-registers/:id',
    {
      config: { permission: 'cash:manage' },
      schema: {
        tags,
        operationId: 'getCashRegister',
        summary: 'One register (a closed day shows the count and the difference)',
        params: IdParamSchema,
        response: { 200: CashRegisterSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => cash.get(authed(request), request.params.id),
  );

  app.post(
    '/cash-register/open',
    {
      config: { permission: 'cash:manage' },
      schema: {
        tags,
        operationId: 'openCashRegister',
        summary: 'Open the day with a float; one open register per branch (409 otherwise)',
        body: CashRegisterOpenSchema,
        response: { 201: CashRegisterSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cash.open(authed(request), request.body.openingFloat)),
  );

  app.post(
    '/cash-register/movements',
    {
      config: { permission: 'cash:manage' },
      schema: {
        tags,
        operationId: 'createCashMovement',
        summary: 'A withdrawal (sangria) or a supply (suprimento) with a reason',
        body: CashMovementCreateSchema,
        response: { 201: CashRegisterSchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await cash.movement(authed(request), request.body)),
  );

  app.post(
    '/cash-register/close',
    {
      config: { permission: 'cash:manage' },
      schema: {
        tags,
        operationId: 'closeCashRegister',
        summary: 'Close the day with the counted amount; the difference to what was expected is kept',
        body: CashRegisterCloseSchema,
        response: { 200: CashRegisterSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => cash.close(authed(request), request.body),
  );
};
