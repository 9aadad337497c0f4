import {
  AssetListQuerySchema,
  type CustomerDataExport,
  DATA_EXPORT_SECTIONS,
  InvoiceListQuerySchema,
} from '@bancada/shared';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.js';
import { listAudit, recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import type { InvoicesService } from '../billing/invoices.service.js';
import type { CommunicationExportService } from '../communication/export.service.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { EstimatesService } from '../repairs/estimates/estimates.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';
import type { RepairPhotosService } from '../repairs/photos/photos.service.js';
import type { AppointmentsService } from '../scheduling/appointments.service.js';

/** A customer has at most this many of one kind of record in an export (orders, invoices, audit rows…). */
const EXPORT_CAP = 10_000;
const PAGE = 200;

type Row = Record<string, unknown>;

export type ExportDeps = {
  db: Database;
  customers: Pick<CustomersService, 'get' | 'privacy'>;
  assets: Pick<AssetsService, 'listByCustomer' | 'readingsForHistory'>;
  repairs: Pick<RepairsService, 'listForHistory' | 'get'>;
  estimates: Pick<EstimatesService, 'list'>;
  repairPhotos: Pick<RepairPhotosService, 'list'>;
  invoices: Pick<InvoicesService, 'list' | 'get' | 'financial'>;
  organization: Pick<OrganizationService, 'profile'>;
  communicationExport: Pick<CommunicationExportService, 'customerRecords'>;
  appointments: Pick<AppointmentsService, 'ofCustomer'>;
};

/** Every page of a paged read, up to the cap. */
async function allPages<T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; items.length < EXPORT_CAP; page++) {
    const result = await read(page);
    items.push(...result.items);
    if (result.items.length < PAGE || items.length >= result.total) break;
  }
  return items;
}

/** The audit rows about these records, newest first (one filtered read per record). */
async function auditAbout(db: Database, organizationId: string, ids: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const entityId of ids) {
    const entries = await allPages((page) =>
      listAudit(db, organizationId, { entityId, page, pageSize: PAGE }),
    );
    rows.push(...entries);
    if (rows.length >= EXPORT_CAP) break;
  }
  return rows.sort((a, b) => String(b.occurredAt).localeCompare(String(a.occurredAt)));
}

/** What only staff see of a customer's record (notes), removed at any depth (the audit's before/after). */
function withoutStaffNotes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStaffNotes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'notes')
      .map(([key, v]) => [key, withoutStaffNotes(v)]),
  );
}

/** A value as one CSV cell: objects and lists as JSON. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The export as one CSV: a `section` column names the table each row comes from, then a `record`
 * column with the row's position in that section, then `field` and `value` — one line per field, so
 * every section fits one file that a spreadsheet opens (LGPD art. 19: a reusable electronic format).
 */
export function exportToCsv(data: CustomerDataExport): string {
  const lines: string[][] = [['section', 'record', 'field', 'value']];
  for (const section of DATA_EXPORT_SECTIONS) {
    const value = data[section];
    const rows = Array.isArray(value) ? value : [value];
    rows.forEach((row, index) => {
      for (const [field, v] of Object.entries(row)) lines.push([section, String(index + 1), field, cell(v)]);
    });
  }
  // a BOM so spreadsheet programs read UTF-8 accents correctly
  return `\uFEFF${stringify(lines)}`;
}

/**
 * LGPD art. 18 II and V, art. 19: everything the shop holds about one customer, read through the
 * modules that own it (customers, assets, repairs, billing, communication, scheduling) and the audit log. Staff need to read
 * customers and invoices; the export itself is audited.
 */
export function createDataExportService(deps: ExportDeps) {
  const { db } = deps;
  /** Reads with `reader`'s permissions; the audit row names `ctx`'s actor (who asked). */
  async function collect(
    ctx: AuthedContext,
    reader: AuthedContext,
    customerId: string,
  ): Promise<CustomerDataExport> {
    const organizationId = ctx.actor.organizationId;
    const customer = await deps.customers.get(reader, customerId);
    const [profile, ledger, assets, summaries, invoiceItems, financial, talk, appointments] =
      await Promise.all([
        deps.organization.profile(db, organizationId),
        deps.customers.privacy.consentLedger(db, organizationId, customerId),
        allPages((page) =>
          deps.assets.listByCustomer(
            reader,
            customerId,
            AssetListQuerySchema.parse({ page, pageSize: PAGE }),
          ),
        ),
        deps.repairs.listForHistory(organizationId, { customerId }, EXPORT_CAP),
        allPages((page) =>
          deps.invoices.list(reader, InvoiceListQuerySchema.parse({ customerId, page, pageSize: PAGE })),
        ),
        deps.invoices.financial(reader, customerId),
        deps.communicationExport.customerRecords(organizationId, customerId, EXPORT_CAP),
        deps.appointments.ofCustomer(db, organizationId, customerId),
      ]);
    const assetIds = assets.map((a) => a.id);
    const readings = await deps.assets.readingsForHistory(db, organizationId, assetIds, EXPORT_CAP);
    const repairs = [];
    const estimates: Row[] = [];
    const photos: Row[] = [];
    for (const summary of summaries) {
      const repair = await deps.repairs.get(reader, summary.id);
      repairs.push(repair);
      const [e, p] = await Promise.all([
        deps.estimates.list(reader, repair.id),
        deps.repairPhotos.list(reader, repair.id),
      ]);
      estimates.push(...e.items);
      photos.push(...p.items);
    }
    const invoices = [];
    for (const item of invoiceItems) invoices.push(await deps.invoices.get(reader, item.id));
    // payments on invoices, and deposits held before an invoice existed
    const payments = new Map<string, Row>();
    for (const invoice of invoices) for (const p of invoice.payments) payments.set(p.id, p);
    for (const p of financial.payments) if (!payments.has(p.id)) payments.set(p.id, p);
    const audit = await auditAbout(db, organizationId, [
      customerId,
      ...assetIds,
      ...repairs.map((r) => r.id),
      ...invoices.map((i) => i.id),
      ...appointments.map((a) => a.id),
    ]);
    await recordAudit(db, ctx, {
      organizationId,
      action: 'customer.data_exported',
      entity: 'customer',
      entityId: customerId,
      after: { sections: DATA_EXPORT_SECTIONS.length },
    });
    return {
      format: 'bancada.customer-data-export/1',
      generatedAt: new Date().toISOString(),
      organization: { id: organizationId, name: profile?.name ?? '' },
      customerId,
      customer,
      consents: ledger.map((c) => ({
        id: c.id,
        purpose: c.channel,
        granted: c.granted,
        source: c.source,
        textVersion: c.textVersion,
        policyVersion: c.policyVersion,
        actorName: c.actorName,
        ip: c.ip,
        userAgent: c.userAgent,
        at: c.at.toISOString(),
      })),
      assets,
      readings: readings.map((r) => ({ ...r, readAt: r.readAt.toISOString() })),
      repairs: repairs.map(({ parts: _p, services: _s, appliances: _a, ...rest }) => rest),
      repair_lines: repairs.flatMap((r) => [
        ...r.appliances.map((line) => ({
          repairId: r.id,
          repairNumber: r.number,
          lineType: 'appliance',
          ...line,
        })),
        ...r.parts.map((line) => ({ repairId: r.id, repairNumber: r.number, lineType: 'part', ...line })),
        ...r.services.map((line) => ({
          repairId: r.id,
          repairNumber: r.number,
          lineType: 'service',
          ...line,
        })),
      ]),
      estimates,
      photos,
      invoices: invoices.map(({ payments: _p, ...rest }) => rest),
      payments: [...payments.values()],
      appointments,
      conversations: talk.conversations,
      conversation_messages: talk.conversationMessages,
      sent_messages: talk.sentMessages,
      notifications: talk.notifications,
      feedback: talk.feedback,
      tickets: talk.tickets,
      ticket_messages: talk.ticketMessages,
      maintenance_plans: talk.maintenancePlans,
      maintenance_reminders: talk.maintenanceReminders,
      audit,
    };
  }
  return {
    async exportCustomer(ctx: AuthedContext, customerId: string): Promise<CustomerDataExport> {
      assertCan(ctx, 'customers:read');
      assertCan(ctx, 'invoices:read');
      return collect(ctx, ctx, customerId);
    },

    /**
     * The portal (issue 15 §3): the signed-in customer's own export. The id is the login's own customer
     * (never a parameter), and the reads run with the export's permissions bound to that one id; what
     * only staff see of the record (notes) is left out.
     */
    async exportOwn(ctx: AuthedContext): Promise<CustomerDataExport> {
      const customerId = ctx.actor.role === 'CUSTOMER' ? ctx.actor.customerId : null;
      if (!customerId) throw forbidden();
      const reader: AuthedContext = {
        ...ctx,
        actor: { ...ctx.actor, role: 'ADMINISTRATOR', customerId: null },
      };
      const data = await collect(ctx, reader, customerId);
      return {
        ...data,
        customer: { ...data.customer, notes: null },
        // the audit trail's before/after of the record carry the notes too
        audit: data.audit.map((row) => withoutStaffNotes(row) as Row),
      };
    },
  };
}
export type DataExportService = ReturnType<typeof createDataExportService>;
