import { z } from 'zod';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { IsoDateTimeSchema } from './common.js';
import { CONSENT_CHANNELS } from './customers.js';

/** LGPD tooling (issue 13 §6): data export, anonymisation, consent report, retention, incidents, policy. */

export const DATA_EXPORT_FORMATS = ['json', 'csv'] as const;
export type DataExportFormat = (typeof DATA_EXPORT_FORMATS)[number];

export const DataExportQuerySchema = z.object({ format: z.enum(DATA_EXPORT_FORMATS).default('json') });
export type DataExportQuery = z.infer<typeof DataExportQuerySchema>;

/** The sections of a customer's data export, in order; the CSV names each row's section. */
export const DATA_EXPORT_SECTIONS = [
  'customer',
  'consents',
  'assets',
  'readings',
  'repairs',
  'repair_lines',
  'estimates',
  'photos',
  'invoices',
  'payments',
  'appointments',
  'conversations',
  'conversation_messages',
  'sent_messages',
  'notifications',
  'feedback',
  'tickets',
  'ticket_messages',
  'maintenance_plans',
  'maintenance_reminders',
  'audit',
] as const;
export type DataExportSection = (typeof DATA_EXPORT_SECTIONS)[number];

const Row = z.record(z.string(), z.unknown());

export const CustomerDataExportSchema = z
  .object({
    format: z.literal('bancada.customer-data-export/1'),
    generatedAt: IsoDateTimeSchema,
    organization: z.object({ id: z.uuid(), name: z.string() }),
    customerId: z.uuid(),
    customer: Row,
    consents: z.array(Row),
    assets: z.array(Row),
    readings: z.array(Row),
    repairs: z.array(Row),
    repair_lines: z.array(Row),
    estimates: z.array(Row),
    photos: z.array(Row),
    invoices: z.array(Row),
    payments: z.array(Row),
    /** each with its reschedule history (`changes`) */
    appointments: z.array(Row),
    conversations: z.array(Row),
    /** files as name, type and size */
    conversation_messages: z.array(Row),
    /** every message sent to the customer (e-mail, WhatsApp, SMS) with its delivery status */
    sent_messages: z.array(Row),
    /** what the customer was to be told about (an order ready, an appointment booked…) */
    notifications: z.array(Row),
    feedback: z.array(Row),
    tickets: z.array(Row),
    /** the ticket's messages the customer may see (staff-internal notes left out) */
    ticket_messages: z.array(Row),
    maintenance_plans: z.array(Row),
    maintenance_reminders: z.array(Row),
    audit: z.array(Row),
  })
  .meta({ id: 'CustomerDataExport' });
export type CustomerDataExport = z.infer<typeof CustomerDataExportSchema>;

export const AnonymiseBodySchema = z.object({
  reason: z.string().trim().min(3, { message: 'validation.required' }).max(500),
});
export type AnonymiseBody = z.infer<typeof AnonymiseBodySchema>;

export const AnonymiseResultSchema = z
  .object({ id: z.uuid(), name: z.string(), anonymisedAt: IsoDateTimeSchema })
  .meta({ id: 'AnonymiseResult' });
export type AnonymiseResult = z.infer<typeof AnonymiseResultSchema>;

// ------------------------------------------------------------------ consent report

/** Per purpose (a consent channel): given and in force, given then withdrawn, or never asked. */
export const CONSENT_REPORT_STATES = ['granted', 'revoked', 'never'] as const;
export type ConsentReportState = (typeof CONSENT_REPORT_STATES)[number];

export const ConsentReportQuerySchema = PaginationQuerySchema.extend({
  purpose: z.enum(CONSENT_CHANNELS).default('email'),
  state: z.enum(CONSENT_REPORT_STATES).optional(),
});
export type ConsentReportQuery = z.infer<typeof ConsentReportQuerySchema>;

export const ConsentReportItemSchema = z.object({
  customerId: z.uuid(),
  name: z.string(),
  state: z.enum(CONSENT_REPORT_STATES),
  at: IsoDateTimeSchema.nullable(),
  source: z.string().nullable(),
});
export type ConsentReportItem = z.infer<typeof ConsentReportItemSchema>;

export const ConsentReportSchema = pageOf(ConsentReportItemSchema)
  .extend({
    purpose: z.enum(CONSENT_CHANNELS),
    counts: z.array(
      z.object({
        purpose: z.enum(CONSENT_CHANNELS),
        granted: z.number().int(),
        revoked: z.number().int(),
        never: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ConsentReport' });
export type ConsentReport = z.infer<typeof ConsentReportSchema>;

// ------------------------------------------------------------------ retention

const Years = z.number().int().min(1).max(30).nullable();

export const RetentionSettingsUpdateSchema = z.object({
  /** anonymise customers with no activity (visit, order, change) for this many years; null: never */
  anonymiseInactiveAfterYears: Years,
  /** delete service-order photos this many years after they were taken; null: never */
  purgePhotosAfterYears: Years,
});
export type RetentionSettingsUpdate = z.infer<typeof RetentionSettingsUpdateSchema>;

/** The dry run's settings: a field left out takes the saved value (`{}` previews the saved settings). */
export const RetentionPreviewBodySchema = RetentionSettingsUpdateSchema.partial();
export type RetentionPreviewBody = z.infer<typeof RetentionPreviewBodySchema>;

/** What the law fixes: shown, not editable. */
export const LEGAL_RETENTION_RECORDS = ['fiscal', 'audit', 'incidents'] as const;
export type LegalRetentionRecord = (typeof LEGAL_RETENTION_RECORDS)[number];

export const RetentionRunSchema = z.object({
  id: z.uuid(),
  startedAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
  trigger: z.enum(['job', 'manual']),
  customersAnonymised: z.number().int(),
  customersSkipped: z.number().int(),
  photosPurged: z.number().int(),
  error: z.string().nullable(),
});
export type RetentionRun = z.infer<typeof RetentionRunSchema>;

export const RetentionSettingsSchema = RetentionSettingsUpdateSchema.extend({
  fixed: z.array(z.object({ record: z.enum(LEGAL_RETENTION_RECORDS), years: z.number().int() })),
  lastRun: RetentionRunSchema.nullable(),
  version: z.number().int(),
}).meta({ id: 'RetentionSettings' });
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionPreviewSchema = z
  .object({
    asOf: IsoDateTimeSchema,
    customers: z.object({
      cutoff: IsoDateTimeSchema.nullable(),
      count: z.number().int(),
      /** inactive but kept for now: open orders or an unpaid balance */
      blocked: z.number().int(),
      sample: z.array(z.object({ id: z.uuid(), name: z.string(), lastActivityAt: IsoDateTimeSchema })),
    }),
    photos: z.object({
      cutoff: IsoDateTimeSchema.nullable(),
      count: z.number().int(),
      sample: z.array(
        z.object({ id: z.uuid(), repairId: z.uuid(), fileName: z.string(), createdAt: IsoDateTimeSchema }),
      ),
    }),
  })
  .meta({ id: 'RetentionPreview' });
export type RetentionPreview = z.infer<typeof RetentionPreviewSchema>;

// ------------------------------------------------------------------ incidents

export const INCIDENT_STATUSES = ['open', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_DATA_CATEGORIES = [
  'identification',
  'contact',
  'address',
  'document',
  'financial',
  'vehicle',
  'photos',
  'credentials',
  'other',
] as const;
export type IncidentDataCategory = (typeof INCIDENT_DATA_CATEGORIES)[number];

const IncidentFields = {
  title: z.string().trim().min(3, { message: 'validation.required' }).max(200),
  description: z.string().trim().max(5000).default(''),
  occurredAt: IsoDateTimeSchema.nullable().default(null),
  discoveredAt: IsoDateTimeSchema,
  dataCategories: z.array(z.enum(INCIDENT_DATA_CATEGORIES)).max(20).default([]),
  peopleAffected: z.number().int().min(0).max(100_000_000).nullable().default(null),
  peopleNotifiedAt: IsoDateTimeSchema.nullable().default(null),
  anpdNotifiedAt: IsoDateTimeSchema.nullable().default(null),
  measures: z.string().trim().max(5000).default(''),
  status: z.enum(INCIDENT_STATUSES).default('open'),
};

export const IncidentCreateSchema = z.object(IncidentFields);
export type IncidentCreate = z.input<typeof IncidentCreateSchema>;

export const IncidentUpdateSchema = z
  .object({
    title: IncidentFields.title,
    description: z.string().trim().max(5000),
    occurredAt: IsoDateTimeSchema.nullable(),
    discoveredAt: IsoDateTimeSchema,
    dataCategories: z.array(z.enum(INCIDENT_DATA_CATEGORIES)).max(20),
    peopleAffected: z.number().int().min(0).max(100_000_000).nullable(),
    peopleNotifiedAt: IsoDateTimeSchema.nullable(),
    anpdNotifiedAt: IsoDateTimeSchema.nullable(),
    measures: z.string().trim().max(5000),
    status: z.enum(INCIDENT_STATUSES),
  })
  .partial();
export type IncidentUpdate = z.input<typeof IncidentUpdateSchema>;

export const IncidentSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    occurredAt: IsoDateTimeSchema.nullable(),
    discoveredAt: IsoDateTimeSchema,
    dataCategories: z.array(z.enum(INCIDENT_DATA_CATEGORIES)),
    peopleAffected: z.number().int().nullable(),
    peopleNotifiedAt: IsoDateTimeSchema.nullable(),
    anpdNotifiedAt: IsoDateTimeSchema.nullable(),
    measures: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    /** 3 working days after discovery (Res. CD/ANPD 15/2024), as a date in the shop's calendar */
    anpdDeadline: z.iso.date(),
    /** the deadline passed without the ANPD (or the people affected) being notified */
    overdue: z.boolean(),
    /** kept until this date (5 years): the register refuses deletion before it */
    keepUntil: z.iso.date(),
    createdByName: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Incident' });
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentListSchema = z.object({ items: z.array(IncidentSchema) }).meta({ id: 'IncidentList' });
export type IncidentList = z.infer<typeof IncidentListSchema>;

// ------------------------------------------------------------------ privacy policy

export const PolicyUpdateSchema = z.object({
  /** Markdown-light: paragraphs separated by blank lines, `#`/`##` headings, `-` lists */
  body: z.string().trim().min(20, { message: 'validation.required' }).max(100_000),
});
export type PolicyUpdate = z.infer<typeof PolicyUpdateSchema>;

export const PolicyVersionSchema = z
  .object({
    version: z.number().int(),
    body: z.string(),
    authorName: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
  })
  .meta({ id: 'PolicyVersion' });
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const PolicyVersionListSchema = z
  .object({
    items: z.array(PolicyVersionSchema.omit({ body: true })),
    current: PolicyVersionSchema.nullable(),
  })
  .meta({ id: 'PolicyVersionList' });
export type PolicyVersionList = z.infer<typeof PolicyVersionListSchema>;

export const PolicyVersionParamSchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const PublicPolicyQuerySchema = z.object({ organization: z.uuid().optional() });

export const PublicPolicySchema = PolicyVersionSchema.omit({ authorName: true })
  .extend({ organizationName: z.string() })
  .meta({ id: 'PublicPolicy' });
export type PublicPolicy = z.infer<typeof PublicPolicySchema>;
