import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, type RouteRule, rolesForRoute } from './route-access.js';

const rules = Object.entries(ROUTE_ACCESS) as [string, RouteRule][];

describe('route access matrix', () => {
  it('names each route as METHOD /api/path, with OpenAPI-style {parameters}', () => {
    for (const [key] of rules) expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\/[a-z0-9\-./{}A-Z]*$/);
  });

  it('says, for every signed-in route with path parameters, whether they name a tenant’s rows', () => {
    const undecided = rules
      .filter(([key, rule]) => key.includes('{') && rule.access !== 'public' && rule.tenant === undefined)
      .map(([key]) => key);
    expect(undecided).toEqual([]);
  });

  it('gives a reason for every public route', () => {
    for (const [, rule] of rules) if (rule.access === 'public') expect(rule.why.length).toBeGreaterThan(3);
  });

  it('lets a CUSTOMER only into routes scoped to its own records, besides its own account', () => {
    expect(rolesForRoute(ROUTE_ACCESS['GET /api/customers/{id}'])).toContain('CUSTOMER');
    expect(rolesForRoute(ROUTE_ACCESS['GET /api/customers'])).not.toContain('CUSTOMER');
    expect(rolesForRoute(ROUTE_ACCESS['POST /api/repairs'])).toEqual(['ADMINISTRATOR']);
    expect(rolesForRoute(ROUTE_ACCESS['GET /api/auth/me'])).toContain('CUSTOMER');
  });

  it('asks for every permission a route needs', () => {
    expect(rolesForRoute({ access: 'customers:read', also: ['invoices:read'] })).toEqual([
      'ADMINISTRATOR',
      'MANAGER',
      'ATTENDANT',
    ]);
  });

  it('follows an organization’s grants', () => {
    expect(rolesForRoute(ROUTE_ACCESS['POST /api/repairs'], { 'repairs:create': ['ATTENDANT'] })).toEqual([
      'ADMINISTRATOR',
      'ATTENDANT',
    ]);
  });
});
