import { z } from 'zod';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { textParam } from '../text.js';

/**
 * What the server writes to the audit log, so the screen can say it in words (issue 10). The API keeps
 * `action` and `entity` as free text (rows written before a value was added stay readable); a test over
 * the web's locale files checks every value here, and every literal action the server writes, has words.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.lockout',
  'auth.password_reset',
  'auth.password_reset_requested',
  'auth.session_revoke',
  'auth.sessions_revoke_all',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.update_profile',
  'user.change_password',
  'user.restore_admin',
  'user.two_factor_enable',
  'user.two_factor_disable',
  'user.two_factor_recovery_codes',
  'user.two_factor_reset',
  'organization.create',
  'organization.update',
  'permissions.update',
  'branch.create',
  'customer.create',
  'customer.update',
  'customer.delete',
  'customer.import',
  'customer.export',
  'asset.create',
  'asset.created',
  'asset.update',
  'asset.delete',
  'asset.transfer',
  'asset.reading',
  'asset.reading_correction',
  'repair.created',
  'repair.updated',
  'repair.status_changed',
  'repair.assigned',
  'repair.checklist',
  'repair.estimate_sent',
  'repair.estimate_decided',
  'repair.photo_added',
  'repair.timer_started',
  'repair.timer_stopped',
  'service_catalog.created',
  'service_catalog.updated',
  'component.created',
  'component.updated',
  'component.stock_adjusted',
  'supplier.created',
  'supplier.updated',
  'supplier.deleted',
  'purchase_order.updated',
  'purchase_order.sent',
  'purchase_order.received',
  'purchase_order.cancelled',
  'tool.created',
  'tool.updated',
  'tool.checked_out',
  'tool.checked_in',
  'invoice.issued',
  'invoice.cancelled',
  'payment.received',
  'payment.deposit',
  'payment.refunded',
  'payment.pix_received',
  'cash.opened',
  'cash.closed',
  'cash.withdrawal',
  'cash.supply',
  'fiscal_document.recorded',
  'fiscal_document.issue_requested',
  'fiscal_document.processing',
  'fiscal_document.authorized',
  'fiscal_document.rejected',
  'fiscal_document.cancelled',
  'payable.created',
  'payable.created_from_purchase_order',
  'payable.paid',
  'billing.exported',
  'customer.anonymised',
  'customer.data_exported',
  'privacy.retention_updated',
  'privacy.retention_applied',
  'privacy.incident_created',
  'privacy.incident_updated',
  'privacy.policy_published',
  // issue 15: customer accounts and LGPD requests from the portal
  'portal.registered',
  'portal.invited',
  'portal.invitation_accepted',
  'privacy.data_request_created',
  'privacy.data_request_resolved',
  'backup.start',
  'backup.download',
  // issue 14: notifications
  'message_template.updated',
  'message.resent',
  // issue 14: support
  'ticket.created',
  'ticket.updated',
  'faq_article.created',
  'faq_article.updated',
  'faq_article.deleted',
  // issue 15: iCalendar feeds
  'calendar_feed.create',
  'calendar_feed.replace',
  // issue 15: appointments, bays, holidays
  'appointment.created',
  'appointment.updated',
  'appointment.rescheduled',
  'appointment.confirmed',
  'appointment.no_show',
  'appointment.cancelled',
  'appointment.arrived',
  'bay.created',
  'bay.updated',
  'holiday.created',
  'holiday.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'user',
  'session',
  'organization',
  'branch',
  'customer',
  'asset',
  'repair',
  'service_catalog',
  'component',
  'supplier',
  'purchase_order',
  'tool',
  'invoice',
  'cash_register',
  'fiscal_document',
  'payable',
  'billing_export',
  'privacy_settings',
  'privacy_incident',
  'privacy_policy',
  'backup',
  // issue 14: notifications
  'message_template',
  'message',
  // issue 14: support
  'ticket',
  'faq_article',
  // issue 15: iCalendar feeds
  'calendar_feed',
  // issue 15: appointments, bays, holidays
  'appointment',
  'bay',
  'holiday',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

// a snapshot is a JSON object; `z.unknown()` rendered as an empty schema and typed clients as unknown
const AuditSnapshotSchema = z.record(z.string(), z.unknown()).nullable();

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    /**
     * What the change changed, as it was: only the fields that differ (nested objects only their
     * differing fields, lists whole); for a delete, what was removed; null when the change created
     * the record. Documents, phones, e-mails and addresses are masked; secrets are never included.
     * Entries written before issue 11 hold the whole record.
     */
    before: AuditSnapshotSchema,
    /** The same fields as they became; for a create, the fields it set; or what the action did. */
    after: AuditSnapshotSchema,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = PaginationQuerySchema.extend({
  entity: textParam(60).optional(),
  entityId: textParam(100).optional(),
  actorId: z.uuid().optional(),
  action: textParam(60).optional(),
  from: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  to: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;
