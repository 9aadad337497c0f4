import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as shared from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import enCalendarFeed from './en/calendar-feed.json';
import enCommunication from './en/communication.json';
import enEngagement from './en/engagement.json';
import enMaintenance from './en/maintenance.json';
import enPortal from './en/portal.json';
import enPublic from './en/public.json';
import enRepairPage from './en/repair-page.json';
import enRepairs from './en/repairs.json';
import enScheduling from './en/scheduling.json';
import enSupport from './en/support.json';
import enCore from './en/translation.json';
import esCalendarFeed from './es/calendar-feed.json';
import esCommunication from './es/communication.json';
import esEngagement from './es/engagement.json';
import esMaintenance from './es/maintenance.json';
import esPortal from './es/portal.json';
import esPublic from './es/public.json';
import esRepairPage from './es/repair-page.json';
import esRepairs from './es/repairs.json';
import esScheduling from './es/scheduling.json';
import esSupport from './es/support.json';
import esCore from './es/translation.json';
import ptBRCalendarFeed from './pt-BR/calendar-feed.json';
import ptBRCommunication from './pt-BR/communication.json';
import ptBREngagement from './pt-BR/engagement.json';
import ptBRMaintenance from './pt-BR/maintenance.json';
import ptBRPortal from './pt-BR/portal.json';
import ptBRPublic from './pt-BR/public.json';
import ptBRRepairPage from './pt-BR/repair-page.json';
import ptBRRepairs from './pt-BR/repairs.json';
import ptBRScheduling from './pt-BR/scheduling.json';
import ptBRSupport from './pt-BR/support.json';
import ptBRCore from './pt-BR/translation.json';

// merged as i18n.ts merges them
const LOCALE_FILES: Record<shared.Locale, Record<string, unknown>> = {
  'pt-BR': {
    ...ptBRPublic,
    ...ptBRCore,
    ...ptBRRepairs,
    ...ptBRRepairPage,
    ...ptBRCommunication,
    ...ptBRMaintenance,
    ...ptBREngagement,
    ...ptBRSupport,
    ...ptBRPortal,
    ...ptBRCalendarFeed,
    ...ptBRScheduling,
  },
  es: {
    ...esPublic,
    ...esCore,
    ...esRepairs,
    ...esRepairPage,
    ...esCommunication,
    ...esMaintenance,
    ...esEngagement,
    ...esSupport,
    ...esPortal,
    ...esCalendarFeed,
    ...esScheduling,
  },
  en: {
    ...enPublic,
    ...enCore,
    ...enRepairs,
    ...enRepairPage,
    ...enCommunication,
    ...enMaintenance,
    ...enEngagement,
    ...enSupport,
    ...enPortal,
    ...enCalendarFeed,
    ...enScheduling,
  },
};

/** Where each shared enumeration finds its words on screen (issue 10: `REPAIR` showed raw). */
const LABELS: Record<string, string> = {
  ROLES: 'roles',
  DOCUMENT_TYPES: 'customers.documentTypes',
  WEEKDAYS: 'weekdays',
  OUTBOX_CHANNELS: 'outbox.channels',
  OUTBOX_STATUSES: 'outbox.statuses',
  ASSET_KINDS: 'assets.kinds',
  APPLIANCE_TYPES: 'assets.applianceTypes',
  VOLTAGES: 'assets.voltages',
  FUELS: 'assets.fuels',
  READING_KINDS: 'assets.readingKinds',
  HISTORY_ENTRY_TYPES: 'history.types',
  SERVICE_TYPES: 'repairVocab.serviceTypes',
  REPAIR_PRIORITIES: 'repairVocab.priorities',
  FUEL_LEVELS: 'repairVocab.fuelLevels',
  REPAIR_SORTS: 'repairVocab.sorts',
  REPAIR_STATUSES: 'repairStatus',
  LINE_APPROVALS: 'repairPage.approval',
  PART_STOCK_STATES: 'repairPage.stock',
  LINE_TYPES: 'estimatePublic.lineTypes',
  CHECKLIST_ITEMS: 'repairPage.checklist.items',
  REPAIR_EVENT_TYPES: 'repairPage.timeline.types',
  ESTIMATE_STATUSES: 'repairPage.estimateStatus',
  APPROVAL_CHANNELS: 'repairPage.estimate.channels',
  TRANSITION_GUARDS: 'repairPage.status.reasons',
  CUSTOMER_KINDS: 'customers.kinds',
  PHONE_LABELS: 'customers.phoneLabels',
  CONSENT_CHANNELS: 'customers.consentChannels',
  CONSENT_LEDGER_PURPOSES: 'customers.consentChannels',
  CONTACT_CHANNELS: 'customers.contactChannels',
  REMINDER_FREQUENCIES: 'customers.reminderFrequencies',
  CONSENT_SOURCES: 'customers.consentSources',
  UNITS: 'inventory.units',
  MOVEMENT_TYPES: 'inventory.movements.types',
  PO_STATUSES: 'purchasing.statuses',
  TOOL_STATUSES: 'tools.statuses',
  TOOL_EVENT_TYPES: 'tools.history.types',
  VERTICALS: 'verticals',
  PERMISSIONS: 'permissionNames',
  LOCALES: 'language.names',
  AUDIT_ACTIONS: 'audit.actions',
  AUDIT_ENTITY_TYPES: 'audit.entities',
  // billing (issue 12): its words are in the service-order part (repairs.json)
  INVOICE_STATUSES: 'billing.invoiceStatuses',
  INVOICE_KINDS: 'billing.invoiceKinds',
  INVOICE_LINE_KINDS: 'billing.lineKinds',
  PAYMENT_METHODS: 'billing.methods',
  REFUND_STATUSES: 'billing.refundStatuses',
  FISCAL_DOCUMENT_TYPES: 'billing.fiscalTypes',
  FISCAL_DOCUMENT_STATUSES: 'billing.fiscalStatuses',
  DELIVERY_BALANCE_POLICIES: 'billing.deliveryPolicies',
  AGING_BUCKETS: 'billing.agingBuckets',
  CASH_MOVEMENT_KINDS: 'billing.cashMovementKinds',
  BILLING_EXPORT_KINDS: 'billing.exportKinds',
  BILLING_EXPORT_FORMATS: 'billing.exportFormats',
  SIMPLES_NACIONAL_OPTIONS: 'billing.simplesNacional',
  PIX_KEY_TYPES: 'billing.pixKeyTypes',
  PIX_KEY_ERRORS: 'billing.pixKeyErrors',
  // LGPD tooling (issue 13 §6)
  CONSENT_REPORT_STATES: 'privacy.consentStates',
  INCIDENT_STATUSES: 'privacy.incidentStatuses',
  INCIDENT_DATA_CATEGORIES: 'privacy.dataCategories',
  LEGAL_RETENTION_RECORDS: 'privacy.retention.records',
  // backups (issue 13 §1)
  BACKUP_TRIGGERS: 'backups.triggers',
  BACKUP_STATUSES: 'backups.statuses',
  BACKUP_PHASES: 'backups.phases',
  BACKUP_DESTINATIONS: 'backups.destinations',
  // communication with customers (issue 14)
  NOTIFICATION_EVENTS: 'communication.events',
  MESSAGE_CHANNELS: 'communication.channels',
  CUSTOMER_MESSAGE_STATUSES: 'communication.statuses',
  CONVERSATION_CHANNELS: 'communication.channels',
  MAINTENANCE_DUE_REASONS: 'maintenance.reasons',
  MAINTENANCE_DUE_STATUSES: 'maintenance.statuses',
  MAINTENANCE_REMINDER_STATUSES: 'maintenance.statuses',
  MAINTENANCE_CONFIDENCES: 'maintenance.confidences',
  TICKET_CATEGORIES: 'support.categories',
  TICKET_PRIORITIES: 'support.priorities',
  TICKET_STATUSES: 'support.statuses',
  TICKET_OPENERS: 'support.openers',
  FAQ_KINDS: 'support.faq.kinds',
  // the customer portal (issue 15 §3)
  DATA_REQUEST_KINDS: 'portal.privacy.kinds',
  DATA_REQUEST_STATUSES: 'portal.privacy.statuses',
  // appointments and the shop's calendar (issue 15 §1)
  BAY_KINDS: 'scheduling.bayKinds',
  APPOINTMENT_STATUSES: 'scheduling.statuses',
  APPOINTMENT_SOURCES: 'scheduling.sources',
};

/** Enumerations that never reach the screen as words, and why. */
const NOT_SHOWN: Record<string, string> = {
  CURRENCIES: 'named by Intl.DisplayNames in the UI language',
  WHOLE_UNITS: 'a subset of UNITS',
  ASSIGNABLE_ROLES: 'a subset of ROLES',
  STAFF_ROLES: 'a subset of ROLES',
  OPEN_REPAIR_STATUSES: 'a subset of REPAIR_STATUSES',
  CLOSED_REPAIR_STATUSES: 'a subset of REPAIR_STATUSES',
  MISSING_FIELD_MESSAGES: 'server message keys, translated by the shared VALIDATION_MESSAGES',
  PIX_PAYLOAD_ERRORS: 'thrown while the server builds a BR Code; the client sees the API message',
  PIX_PARSE_ERRORS: 'codes of the strict BR Code parser, used by the server and its tests',
  DATA_EXPORT_FORMATS: 'file formats, named by their extension (JSON, CSV)',
  DATA_EXPORT_SECTIONS: 'the keys of the customer data export, a machine-readable file',
  LIVE_APPOINTMENT_STATUSES: 'a subset of APPOINTMENT_STATUSES',
  CONVERSATION_ATTACHMENT_TYPES: 'MIME types for the file picker; a file is shown by its name',
  CONVERSATION_ATTACHMENT_STATUSES:
    'shown as a file chip’s own sentence (communication.attachments.pending/unavailable)',
};

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (node && typeof node === 'object' && key in node) return (node as Record<string, unknown>)[key];
    return undefined;
  }, tree);
}

/** Every exported tuple of strings named like a constant (`SERVICE_TYPES`). */
const ENUMS = Object.entries(shared).filter(
  (entry): entry is [string, readonly string[]] =>
    /^[A-Z][A-Z0-9_]+$/.test(entry[0]) &&
    Array.isArray(entry[1]) &&
    entry[1].length > 0 &&
    entry[1].every((value) => typeof value === 'string'),
);

describe('every shared enumeration shown to users has words in pt-BR, es and en', () => {
  it('finds the enumerations of packages/shared', () => {
    expect(ENUMS.map(([name]) => name)).toEqual(expect.arrayContaining(['SERVICE_TYPES', 'UNITS', 'ROLES']));
  });

  it.each(ENUMS)('%s is labelled or listed as never shown', (name) => {
    expect(name in LABELS || name in NOT_SHOWN, `${name}: add it to LABELS or NOT_SHOWN`).toBe(true);
  });

  const labelled = ENUMS.filter(([name]) => name in LABELS);
  it.each(labelled)('%s has a label for every value in every language', (name, values) => {
    const missing: string[] = [];
    for (const [locale, tree] of Object.entries(LOCALE_FILES)) {
      for (const value of values) {
        const label = lookup(tree, `${LABELS[name]}.${value}`);
        if (typeof label !== 'string' || label.trim() === '')
          missing.push(`${locale}: ${LABELS[name]}.${value}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the audit log speaks in words', () => {
  it('knows every action the server writes (recordAudit literals in apps/server/src)', () => {
    const root = path.resolve(import.meta.dirname, '../../../server/src');
    const written = new Set<string>();
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/action: [^,\n]*/g))
        for (const literal of match[0].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) written.add(literal[1] as string);
      // `repair.${type}` (the timers)
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      if (source.includes('action: `repair.${type}`'))
        for (const t of ['timer_started', 'timer_stopped']) written.add(`repair.${t}`);
    }
    expect(written.size).toBeGreaterThan(40);
    expect(
      [...written].filter((action) => !(shared.AUDIT_ACTIONS as readonly string[]).includes(action)),
    ).toEqual([]);
  });
});
