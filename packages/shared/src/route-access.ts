import { type Permission, rolesFor } from './permissions.js';
import { ROLES, type Role } from './roles.js';

/**
 * Who may call each route of the API: the route access matrix.
 *
 * - `public`: no sign-in; the route needs none or authenticates the caller itself (`why` says how).
 * - `signed-in`: any signed-in user, on their own account (profile, password, sessions).
 * - a Permission: the staff roles of `DEFAULT_PERMISSIONS` (as adjusted by the organization's grants).
 *
 * `tenant`: the path names rows that belong to one organization, so another organization's id must
 * answer 404 (or 403), never the row. Every non-public route with path parameters says true or false.
 *
 * `also`: permissions the service checks besides `access` (the caller needs all of them).
 *
 * `customer: 'own'`: a CUSTOMER login may call it too, for its own records only (another customer's
 * id answers 404); the service checks both the permission and the record, so the route itself
 * declares no `config.permission`. Without it, a CUSTOMER gets 403.
 *
 * `self: 'user'`: the user named by the path's `{id}` may call it too, on their own account, whatever
 * the permission says (a technician's own calendar feed); the service checks both, so the route
 * declares no `config.permission`.
 *
 * `customer`: a CUSTOMER login only, on its own account (the portal's own addresses); staff get 403.
 *
 * Where a route declares `config: { permission }` (or `public: true`), it must say the same as this
 * table; apps/server/src/access-control.test.ts checks that, walks every operation of
 * `/api/openapi.json` with every role, another organization's ids and another customer's ids, and
 * fails on a route without a rule here or a rule without a route.
 */
export type RouteRule =
  | { access: 'public'; why: string }
  | { access: 'signed-in'; tenant?: boolean }
  | { access: 'customer'; tenant?: boolean }
  | {
      access: Permission;
      also?: readonly Permission[];
      tenant?: boolean;
      customer?: 'own';
      self?: 'user';
    };

export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`;

export const ROUTE_ACCESS = {
  // system
  'GET /api/health': { access: 'public', why: 'liveness for load balancers' },
  'GET /api/openapi.json': { access: 'public', why: 'the API document (not listed in itself)' },
  'GET /api/live': {
    access: 'public',
    why: 'WebSocket (not in the API document): the socket authenticates its own token',
  },

  // sign-in and the caller's own account
  'POST /api/auth/login': { access: 'public', why: 'sign-in' },
  'POST /api/auth/refresh': { access: 'public', why: 'the refresh token in the body is the credential' },
  'POST /api/auth/logout': { access: 'public', why: 'the refresh token in the body is the credential' },
  'POST /api/auth/password-reset': {
    access: 'public',
    why: 'forgot password: answers the same for any address',
  },
  'POST /api/auth/password-reset/confirm': {
    access: 'public',
    why: 'the e-mailed reset token is the credential',
  },
  'GET /api/auth/me': { access: 'signed-in' },
  'PATCH /api/auth/me': { access: 'signed-in' },
  'POST /api/auth/password': { access: 'signed-in' },
  'GET /api/auth/sessions': { access: 'signed-in' },
  'DELETE /api/auth/sessions/{id}': { access: 'signed-in', tenant: true },
  'DELETE /api/auth/sessions': { access: 'signed-in' },
  'POST /api/auth/two-factor/verify': {
    access: 'public',
    why: 'second sign-in step: the challenge from the password step is the credential',
  },
  'POST /api/auth/two-factor/enrolment': {
    access: 'public',
    why: 'enrolment during a sign-in: the challenge from the password step is the credential',
  },
  'POST /api/auth/two-factor/enrolment/confirm': {
    access: 'public',
    why: 'enrolment during a sign-in: the challenge from the password step is the credential',
  },
  'GET /api/auth/two-factor': { access: 'signed-in' },
  'POST /api/auth/two-factor/setup': { access: 'signed-in' },
  'POST /api/auth/two-factor/confirm': { access: 'signed-in' },
  'POST /api/auth/two-factor/disable': { access: 'signed-in' },
  'POST /api/auth/two-factor/recovery-codes': { access: 'signed-in' },

  // users, organization, audit, outbox
  'GET /api/users': { access: 'users:read' },
  'POST /api/users': { access: 'users:manage' },
  'GET /api/users/{id}': { access: 'users:read', tenant: true },
  'PATCH /api/users/{id}': { access: 'users:manage', tenant: true },
  'GET /api/users/{id}/two-factor': { access: 'users:read', tenant: true },
  'DELETE /api/users/{id}/two-factor': { access: 'users:manage', tenant: true },
  'GET /api/organization': { access: 'organization:read' },
  'PATCH /api/organization': { access: 'organization:manage' },
  'GET /api/organization/branches': { access: 'organization:read' },
  'GET /api/permissions': { access: 'permissions:manage' },
  'PUT /api/permissions': { access: 'permissions:manage' },
  'GET /api/audit': { access: 'audit:read' },
  'GET /api/outbox': { access: 'outbox:read' },

  // privacy (LGPD) tooling
  'GET /api/privacy/consents': { access: 'privacy:manage' },
  'GET /api/privacy/consents/export': { access: 'privacy:manage' },
  'GET /api/privacy/retention': { access: 'privacy:manage' },
  'PUT /api/privacy/retention': { access: 'privacy:manage' },
  'POST /api/privacy/retention/preview': { access: 'privacy:manage' },
  'POST /api/privacy/retention/run': { access: 'privacy:manage' },
  'GET /api/privacy/incidents': { access: 'privacy:manage' },
  'POST /api/privacy/incidents': { access: 'privacy:manage' },
  'GET /api/privacy/incidents/{id}': { access: 'privacy:manage', tenant: true },
  'PATCH /api/privacy/incidents/{id}': { access: 'privacy:manage', tenant: true },
  'GET /api/privacy/policy': { access: 'privacy:manage' },
  'POST /api/privacy/policy': { access: 'privacy:manage' },
  // a per-organization number: each organization reads its own version N
  'GET /api/privacy/policy/versions/{version}': { access: 'privacy:manage', tenant: false },
  'GET /api/public/privacy-policy': { access: 'public', why: 'the shop’s published privacy policy' },

  // backups hold every organization: only the installation's (default organization's) administrators
  'GET /api/backups': { access: 'backups:manage' },
  'POST /api/backups': { access: 'backups:manage' },
  'GET /api/backups/{id}': { access: 'backups:manage', tenant: true },
  'GET /api/backups/{id}/download': { access: 'backups:manage', tenant: true },

  // customers
  'GET /api/customers': { access: 'customers:read' },
  'POST /api/customers': { access: 'customers:write' },
  'GET /api/customers/export': { access: 'customers:import' },
  'POST /api/customers/import': { access: 'customers:import' },
  'GET /api/customers/{id}': { access: 'customers:read', tenant: true, customer: 'own' },
  'PATCH /api/customers/{id}': { access: 'customers:write', tenant: true, customer: 'own' },
  'DELETE /api/customers/{id}': { access: 'customers:delete', tenant: true },
  'GET /api/customers/{id}/consents': { access: 'customers:read', tenant: true, customer: 'own' },
  'GET /api/customers/{id}/history': { access: 'customers:read', tenant: true, customer: 'own' },
  'GET /api/customers/{id}/financial': { access: 'invoices:read', tenant: true },
  'GET /api/search': { access: 'customers:read' },
  // LGPD: the customer's data (export) and its anonymisation
  'GET /api/customers/{id}/data-export': { access: 'customers:read', also: ['invoices:read'], tenant: true },
  'POST /api/customers/{id}/anonymise': { access: 'privacy:manage', tenant: true },

  // assets
  'GET /api/customers/{id}/assets': { access: 'assets:read', tenant: true, customer: 'own' },
  'POST /api/customers/{id}/assets': { access: 'assets:write', tenant: true, customer: 'own' },
  'GET /api/assets/{id}': { access: 'assets:read', tenant: true, customer: 'own' },
  'PATCH /api/assets/{id}': { access: 'assets:write', tenant: true, customer: 'own' },
  'DELETE /api/assets/{id}': { access: 'customers:delete', tenant: true },
  'GET /api/assets/{id}/readings': { access: 'assets:read', tenant: true, customer: 'own' },
  'POST /api/assets/{id}/readings': { access: 'assets:write', tenant: true },
  'POST /api/assets/{id}/transfer': { access: 'assets:write', tenant: true },
  'GET /api/assets/{id}/label': { access: 'assets:read', tenant: true },
  'GET /api/assets/{id}/history': { access: 'assets:read', tenant: true, customer: 'own' },

  // inventory
  'GET /api/components': { access: 'components:read' },
  'POST /api/components': { access: 'components:write' },
  'GET /api/components/categories': { access: 'components:read' },
  'GET /api/components/{id}': { access: 'components:read', tenant: true },
  'PATCH /api/components/{id}': { access: 'components:write', tenant: true },
  'POST /api/components/{id}/adjustments': { access: 'stock:adjust', tenant: true },
  'GET /api/components/{id}/movements': { access: 'components:read', tenant: true },
  'GET /api/suppliers': { access: 'suppliers:read' },
  'POST /api/suppliers': { access: 'suppliers:write' },
  'GET /api/suppliers/{id}': { access: 'suppliers:read', tenant: true },
  'PATCH /api/suppliers/{id}': { access: 'suppliers:write', tenant: true },
  'DELETE /api/suppliers/{id}': { access: 'suppliers:write', tenant: true },
  'GET /api/purchase-orders': { access: 'purchase-orders:read' },
  'POST /api/purchase-orders': { access: 'purchase-orders:write' },
  'GET /api/purchase-orders/suggestions': { access: 'purchase-orders:read' },
  'POST /api/purchase-orders/from-suggestions': { access: 'purchase-orders:write' },
  'GET /api/purchase-orders/{id}': { access: 'purchase-orders:read', tenant: true },
  'PATCH /api/purchase-orders/{id}': { access: 'purchase-orders:write', tenant: true },
  'POST /api/purchase-orders/{id}/send': { access: 'purchase-orders:write', tenant: true },
  'GET /api/purchase-orders/{id}/pdf': { access: 'purchase-orders:read', tenant: true },
  'POST /api/purchase-orders/{id}/receipts': { access: 'purchase-orders:write', tenant: true },
  'POST /api/purchase-orders/{id}/cancel': { access: 'purchase-orders:write', tenant: true },
  'GET /api/tools': { access: 'tools:read' },
  'POST /api/tools': { access: 'tools:write' },
  'GET /api/tools/{id}': { access: 'tools:read', tenant: true },
  'PATCH /api/tools/{id}': { access: 'tools:write', tenant: true },
  'POST /api/tools/{id}/checkout': { access: 'tools:checkout', tenant: true },
  'POST /api/tools/{id}/checkin': { access: 'tools:checkout', tenant: true },
  'GET /api/tools/{id}/events': { access: 'tools:read', tenant: true },

  // service orders
  'POST /api/repairs': { access: 'repairs:create' },
  'GET /api/repairs': { access: 'repairs:read' },
  // a CUSTOMER reads their own orders (the customer's view: docs/api.md "The portal's reads")
  'GET /api/repairs/{id}': { access: 'repairs:read', tenant: true, customer: 'own' },
  'PATCH /api/repairs/{id}': { access: 'repairs:update', tenant: true },
  'GET /api/repairs/{id}/events': { access: 'repairs:read', tenant: true, customer: 'own' },
  'POST /api/repairs/{id}/status': { access: 'repairs:transition', tenant: true },
  'PUT /api/repairs/{id}/checklist': { access: 'repairs:transition', tenant: true },
  'POST /api/repairs/{id}/assign': { access: 'repairs:update', tenant: true },
  'POST /api/repairs/{id}/timers/start': { access: 'repairs:transition', tenant: true },
  'POST /api/repairs/{id}/timers/stop': { access: 'repairs:transition', tenant: true },
  'GET /api/repairs/{id}/time': { access: 'repairs:read', tenant: true },
  'POST /api/repairs/{id}/photos': { access: 'repairs:transition', tenant: true },
  'GET /api/repairs/{id}/photos': { access: 'repairs:read', tenant: true, customer: 'own' },
  'GET /api/repairs/{id}/photos/{photoId}': { access: 'repairs:read', tenant: true, customer: 'own' },
  'GET /api/repairs/{id}/documents/intake.pdf': { access: 'repairs:read', tenant: true, customer: 'own' },
  'GET /api/repairs/{id}/documents/report.pdf': { access: 'repairs:read', tenant: true, customer: 'own' },
  'POST /api/repairs/{id}/estimates': { access: 'repairs:update', tenant: true },
  'GET /api/repairs/{id}/estimates': { access: 'repairs:read', tenant: true, customer: 'own' },
  'POST /api/repairs/{id}/estimates/{version}/decision': {
    access: 'repairs:update',
    tenant: true,
    customer: 'own',
  },
  'GET /api/public/estimates/{token}': { access: 'public', why: 'signed estimate link' },
  'POST /api/public/estimates/{token}/decision': { access: 'public', why: 'signed estimate link' },
  'GET /api/technicians/suggestions': { access: 'repairs:read' },
  'GET /api/service-catalog': { access: 'repairs:read' },
  'POST /api/service-catalog': { access: 'repairs:update' },
  'GET /api/service-catalog/{id}': { access: 'repairs:read', tenant: true },
  'PATCH /api/service-catalog/{id}': { access: 'repairs:update', tenant: true },

  // billing
  'POST /api/invoices': { access: 'invoices:write' },
  'GET /api/invoices': { access: 'invoices:read' },
  'GET /api/invoices/{id}': { access: 'invoices:read', tenant: true },
  'POST /api/invoices/{id}/cancel': { access: 'invoices:cancel', tenant: true },
  'GET /api/invoices/{id}/pdf': { access: 'invoices:read', tenant: true, customer: 'own' },
  'POST /api/invoices/{id}/payments': { access: 'payments:write', tenant: true },
  'GET /api/invoices/{id}/pix': { access: 'invoices:read', tenant: true },
  'GET /api/invoices/{id}/pix.png': { access: 'invoices:read', tenant: true },
  // making the customer's payment link only shares what the caller can already read
  'POST /api/invoices/{id}/link': { access: 'invoices:read', tenant: true, customer: 'own' },
  'POST /api/invoices/{id}/fiscal-documents': { access: 'invoices:write', tenant: true },
  'POST /api/invoices/{id}/nfse': { access: 'invoices:write', tenant: true },
  'POST /api/fiscal-documents/{id}/refresh': { access: 'invoices:write', tenant: true },
  'POST /api/fiscal-documents/{id}/cancel': { access: 'invoices:cancel', tenant: true },
  'GET /api/repairs/{id}/invoice': { access: 'invoices:read', tenant: true, customer: 'own' },
  'POST /api/repairs/{id}/deposits': { access: 'payments:write', tenant: true },
  'POST /api/payments/{id}/refund': { access: 'payments:refund', tenant: true },
  'GET /api/receivables': { access: 'invoices:read' },
  'GET /api/exports/{kind}': { access: 'invoices:read', tenant: false },
  'GET /api/public/invoices/{token}': { access: 'public', why: 'signed payment link' },
  'GET /api/public/invoices/{token}/pix': { access: 'public', why: 'signed payment link' },
  'GET /api/public/invoices/{token}/pix.png': { access: 'public', why: 'signed payment link' },
  'POST /api/webhooks/pix/{secret}/pix': {
    access: 'public',
    why: 'Pix provider: the route checks the secret',
  },
  'POST /api/webhooks/pix/pix': {
    access: 'public',
    why: 'Pix provider: the route checks HMAC or mutual TLS',
  },
  'GET /api/cash-register': { access: 'cash:manage' },
  'POST /api/cash-register/open': { access: 'cash:manage' },
  'POST /api/cash-register/movements': { access: 'cash:manage' },
  'POST /api/cash-register/close': { access: 'cash:manage' },
  'GET /api/cash-registers': { access: 'cash:manage' },
  'GET /api/cash-registers/{id}': { access: 'cash:manage', tenant: true },
  'GET /api/payables': { access: 'payables:manage' },
  'POST /api/payables': { access: 'payables:manage' },
  'POST /api/payables/from-purchase-order/{id}': { access: 'payables:manage', tenant: true },
  'POST /api/payables/{id}/pay': { access: 'payables:manage', tenant: true },
  'GET /api/cash-flow': { access: 'payables:manage' },

  // issue 14: notifications, templates, conversations and the providers' webhooks
  'GET /api/message-templates': { access: 'templates:manage' },
  'PUT /api/message-templates': { access: 'templates:manage' },
  'POST /api/message-templates/preview': { access: 'templates:manage' },
  'GET /api/messages': { access: 'messages:read' },
  'GET /api/messages/replies': { access: 'messages:read' },
  'POST /api/messages/{id}/resend': { access: 'messages:send', tenant: true },
  'GET /api/communication/status': { access: 'messages:read' },
  'GET /api/conversations': { access: 'messages:read' },
  'GET /api/conversations/{id}/messages': { access: 'messages:read', tenant: true },
  'POST /api/conversations/{id}/messages': { access: 'messages:send', tenant: true },
  'GET /api/conversations/{id}/attachments/{attachmentId}': { access: 'messages:read', tenant: true },
  'GET /api/webhooks/whatsapp': {
    access: 'public',
    why: "Meta's subscription check: the verify token is the credential",
  },
  'POST /api/webhooks/whatsapp': {
    access: 'public',
    why: 'WhatsApp deliveries: X-Hub-Signature-256 over the raw body (the app secret) is the credential',
  },
  'POST /api/webhooks/sms/twilio': {
    access: 'public',
    why: "Twilio's SMS delivery reports: X-Twilio-Signature (the auth token) is the credential",
  },

  // issue 14: support tickets and FAQ
  'GET /api/tickets': { access: 'tickets:read' },
  'POST /api/tickets': { access: 'tickets:write' },
  'GET /api/tickets/{id}': { access: 'tickets:read', tenant: true },
  'PATCH /api/tickets/{id}': { access: 'tickets:write', tenant: true },
  'POST /api/tickets/{id}/messages': { access: 'tickets:write', tenant: true },
  // a CUSTOMER reads the published articles only
  'GET /api/faq': { access: 'faq:read', customer: 'own' },
  'POST /api/faq': { access: 'faq:manage' },
  'PATCH /api/faq/{id}': { access: 'faq:manage', tenant: true },
  'DELETE /api/faq/{id}': { access: 'faq:manage', tenant: true },
  // issue 14: maintenance plans and reminders
  'GET /api/assets/{id}/maintenance-plans': { access: 'assets:read', tenant: true },
  'POST /api/assets/{id}/maintenance-plans': { access: 'assets:write', tenant: true },
  'PATCH /api/maintenance-plans/{id}': { access: 'assets:write', tenant: true },
  'GET /api/maintenance-templates': { access: 'assets:read' },
  'GET /api/maintenance-reminders': { access: 'assets:read' },
  // issue 14: feedback/NPS and campaigns
  'GET /api/feedback': { access: 'feedback:read' },
  'GET /api/public/feedback/{token}': { access: 'public', why: 'signed feedback link' },
  'POST /api/public/feedback/{token}': { access: 'public', why: 'signed feedback link' },
  'POST /api/campaigns': { access: 'campaigns:manage' },
  'GET /api/campaigns': { access: 'campaigns:manage' },
  'POST /api/campaigns/preview': { access: 'campaigns:manage' },
  'GET /api/campaigns/{id}': { access: 'campaigns:manage', tenant: true },
  'POST /api/campaigns/{id}/send': { access: 'campaigns:manage', tenant: true },
  'GET /api/public/unsubscribe/{token}': {
    access: 'public',
    why: 'signed unsubscribe link of a campaign message',
  },
  'POST /api/public/unsubscribe/{token}': {
    access: 'public',
    why: 'signed unsubscribe link of a campaign message',
  },

  // issue 15 §1: appointments, bays, holidays (a CUSTOMER books and manages their own through the portal)
  'GET /api/appointments/slots': { access: 'appointments:read', customer: 'own' },
  'GET /api/appointments/capacity': { access: 'appointments:read' },
  'GET /api/appointments': { access: 'appointments:read', customer: 'own' },
  'POST /api/appointments': { access: 'appointments:write', customer: 'own' },
  'GET /api/appointments/{id}': { access: 'appointments:read', tenant: true, customer: 'own' },
  'PATCH /api/appointments/{id}': { access: 'appointments:write', tenant: true, customer: 'own' },
  'POST /api/appointments/{id}/cancel': { access: 'appointments:write', tenant: true, customer: 'own' },
  'POST /api/appointments/{id}/confirm': { access: 'appointments:write', tenant: true },
  'POST /api/appointments/{id}/no-show': { access: 'appointments:write', tenant: true },
  // the arrival opens a service order: it takes the right to create one too
  'POST /api/appointments/{id}/arrive': {
    access: 'appointments:write',
    also: ['repairs:create'],
    tenant: true,
  },
  'GET /api/bays': { access: 'appointments:read' },
  'POST /api/bays': { access: 'bays:manage' },
  'PATCH /api/bays/{id}': { access: 'bays:manage', tenant: true },
  'GET /api/holidays': { access: 'appointments:read' },
  'POST /api/holidays': { access: 'bays:manage' },
  'DELETE /api/holidays/{id}': { access: 'bays:manage', tenant: true },

  // issue 15: iCalendar feeds (the .ics addresses carry their own secret token)
  'GET /api/calendar/technicians/{id}.ics': {
    access: 'public',
    why: "calendar apps subscribe without a login: the feed's secret token is the credential",
  },
  'GET /api/calendar/customers/{id}.ics': {
    access: 'public',
    why: "calendar apps subscribe without a login: the feed's secret token is the credential",
  },
  'GET /api/users/{id}/calendar-feed': { access: 'users:manage', tenant: true, self: 'user' },
  'POST /api/users/{id}/calendar-feed': { access: 'users:manage', tenant: true, self: 'user' },
  // issue 15 §2: customer accounts (the customer's own records: the routes above with customer: 'own')
  'POST /api/portal/register': {
    access: 'public',
    why: 'self-registration: answers the same for any e-mail',
  },
  'POST /api/portal/verify-email': { access: 'public', why: "the e-mailed link's token is the credential" },
  'POST /api/portal/accept-invitation': {
    access: 'public',
    why: "the invitation link's token is the credential",
  },
  'POST /api/customers/{id}/portal-invitation': { access: 'customers:write', tenant: true },
  'GET /api/portal/export': { access: 'customer' },
  'POST /api/portal/data-requests': { access: 'customer' },
  'GET /api/portal/data-requests': { access: 'customer' },
  'GET /api/data-requests': { access: 'privacy:manage' },
  'POST /api/data-requests/{id}/resolve': { access: 'privacy:manage', tenant: true },
  'GET /api/portal/calendar-feed': { access: 'customer' },
  // the shop's public fields (name, currency, language, time zone) for the portal
  'GET /api/portal/shop': { access: 'customer' },
  // the active catalog services the portal's booking page offers (staff read GET /api/service-catalog)
  'GET /api/portal/services': { access: 'customer' },
  'POST /api/portal/calendar-feed': { access: 'customer' },
} as const satisfies Record<RouteKey, RouteRule>;

export type RouteAccessKey = keyof typeof ROUTE_ACCESS;

/** The roles that may call a route (a CUSTOMER, where allowed, only for its own records). */
export function rolesForRoute(rule: RouteRule, grants: Parameters<typeof rolesFor>[1] = {}): readonly Role[] {
  if (rule.access === 'public' || rule.access === 'signed-in') return ROLES;
  if (rule.access === 'customer') return ['CUSTOMER'];
  const also = 'also' in rule ? (rule.also ?? []) : [];
  const staff = rolesFor(rule.access, grants).filter((role) =>
    also.every((permission) => rolesFor(permission, grants).includes(role)),
  );
  return 'customer' in rule && rule.customer === 'own' ? [...staff, 'CUSTOMER'] : staff;
}
