import {
  BranchSchema,
  OrganizationSchema,
  OrganizationUpdateSchema,
  PermissionGrantsUpdateSchema,
  PermissionMatrixSchema,
  PortalShopSchema,
  type Role,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const organization = app.services.organization;

  app.get(
    '/organization',
    {
      config: { permission: 'organization:read' },
      schema: {
        tags: ['organization'],
        operationId: 'getOrganization',
        summary: 'The organization’s profile and settings, with an ETag for If-Match',
        response: { 200: OrganizationSchema, ...errors(401, 403) },
      },
    },
    async (request, reply) => withEtag(reply, await organization.get(authed(request))),
  );

  app.patch(
    '/organization',
    {
      config: { permission: 'organization:manage' },
      schema: {
        tags: ['organization'],
        operationId: 'updateOrganization',
        summary: 'Change the organization settings (If-Match)',
        body: OrganizationUpdateSchema,
        response: { 200: OrganizationSchema, ...errors(400, 401, 403, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(reply, await organization.update(authed(request), request.body, ifMatch));
    },
  );

  app.get(
    '/portal/shop',
    {
      // a CUSTOMER login only (route access `customer`): staff read GET /organization
      schema: {
        tags: ['organization'],
        operationId: 'getPortalShop',
        summary:
          "The shop as the customer's portal shows it: name, currency, language, time zone, payment terms",
        response: { 200: PortalShopSchema, ...errors(401, 403) },
      },
    },
    async (request) => organization.portalShop(authed(request)),
  );

  app.get(
    '/organization/branches',
    {
      config: { permission: 'organization:read' },
      schema: {
        tags: ['organization'],
        operationId: 'listBranches',
        summary: 'The organization’s branches',
        response: { 200: z.array(BranchSchema), ...errors(401, 403) },
      },
    },
    async (request) => organization.listBranches(authed(request)),
  );

  app.get(
    '/permissions',
    {
      config: { permission: 'permissions:manage' },
      schema: {
        tags: ['organization'],
        operationId: 'getPermissionMatrix',
        summary: 'The permission matrix with this organization’s adjustments',
        response: { 200: PermissionMatrixSchema, ...errors(401, 403) },
      },
    },
    async (request) => organization.getPermissionMatrix(authed(request)),
  );

  app.put(
    '/permissions',
    {
      config: { permission: 'permissions:manage' },
      schema: {
        tags: ['organization'],
        operationId: 'updatePermissionGrants',
        summary: 'Adjust which roles hold a permission (null restores the default)',
        body: PermissionGrantsUpdateSchema,
        response: { 200: PermissionMatrixSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      organization.updateGrants(authed(request), request.body.grants as Record<string, Role[] | null>),
  );
};
