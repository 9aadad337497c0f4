import { type DocumentType, LOCALES, type Locale, type Repair } from '@bancada/shared';
import type { Database } from '../../../db/client.js';
import type { AuthedContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { type MessageKey, t } from '../../../platform/i18n.js';
import { type CustomersService, maskDocument } from '../../customers/customers.service.js';
import type { OrganizationService } from '../../organization/organization.service.js';
import type { RepairsService } from '../orders/repairs.service.js';
import type { RepairPhotosService } from '../photos/photos.service.js';
import type { RepairTimeService } from '../time/time.service.js';
import { renderIntakeReceipt } from './intake-receipt.pdf.js';
import type { DocumentCustomer, DocumentShop } from './pdf-layout.js';
import { renderServiceReport } from './service-report.pdf.js';

/** The service report is the record of finished work (seed 000 §3.2). */
export const REPORT_STATUSES: readonly Repair['status'][] = ['FINALIZADO', 'ENTREGUE'];

export type RepairDocument = { pdf: Buffer; fileName: string };

/** The printed documents of an order: the intake receipt and the service report. */
export function createRepairDocumentsService(deps: {
  repairs: Pick<RepairsService, 'get' | 'events'>;
  customers: Pick<CustomersService, 'get'>;
  organization: Pick<OrganizationService, 'profile'>;
  photos: Pick<RepairPhotosService, 'count'>;
  time: Pick<RepairTimeService, 'byTechnician'>;
  db: Database;
}) {
  const { db, repairs, customers, organization: organizations, photos, time: timers } = deps;

  async function context(ctx: AuthedContext, repair: Repair, requested: Locale | undefined) {
    const organization = await organizations.profile(db, ctx.actor.organizationId);
    const shop: DocumentShop = {
      name: organization?.name ?? '',
      document: organization?.document ?? null,
      address: organization?.address ?? {},
      currency: organization?.currency ?? 'BRL',
    };
    const orgLocale = LOCALES.find((l) => l === organization?.locale);
    const locale: Locale = requested ?? orgLocale ?? ctx.locale;
    // dates print on the shop's wall clock (its time zone setting)
    const timeZone = organization?.timeZone;
    return { shop, locale, timeZone, customer: await customerOf(ctx, repair) };
  }

  /** The customer as printed: name, phone, e-mail, the document masked as in audit rows. */
  async function customerOf(ctx: AuthedContext, repair: Repair): Promise<DocumentCustomer> {
    try {
      const customer = await customers.get(ctx, repair.customerId);
      return {
        name: customer.name,
        phone: customer.phone,
        email: customer.email,
        document:
          customer.document && customer.documentType
            ? maskDocument(customer.documentType as DocumentType, customer.document)
            : null,
      };
    } catch (error) {
      // a role that reads orders but not customers still gets the document, with the name only
      if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
        return { name: repair.customerName, phone: null, email: null, document: null };
      }
      throw error;
    }
  }

  const fileName = (locale: Locale, key: MessageKey, number: number) => `${t(locale, key)}-${number}.pdf`;

  return {
    /** The intake receipt: staff with repairs:read, or the order's own CUSTOMER (`repairs.get` checks). */
    async intake(ctx: AuthedContext, id: string, locale?: Locale): Promise<RepairDocument> {
      const repair = await repairs.get(ctx, id);
      const [c, photoCount] = await Promise.all([
        context(ctx, repair, locale),
        photos.count(ctx.actor.organizationId, repair.id, 'intake'),
      ]);
      const pdf = await renderIntakeReceipt(
        { repair, shop: c.shop, customer: c.customer, photoCount },
        { locale: c.locale, ...(c.timeZone ? { timeZone: c.timeZone } : {}) },
      );
      return { pdf, fileName: fileName(c.locale, 'documents.intake.file', repair.number) };
    },

    /**
     * The service report. A CUSTOMER's copy (their own orders only; `repairs.get` checks) leaves out
     * the staff's notes, and its history lists only the events a customer follows (`repairs.events`).
     */
    async report(ctx: AuthedContext, id: string, locale?: Locale): Promise<RepairDocument> {
      const order = await repairs.get(ctx, id);
      const repair = ctx.actor.role === 'CUSTOMER' ? { ...order, notes: '' } : order;
      if (!REPORT_STATUSES.includes(repair.status)) {
        throw new AppError(
          'CONFLICT',
          'documents.report_not_ready',
          { status: t(ctx.locale, `repair_status.${repair.status}` as MessageKey) },
          { status: repair.status },
        );
      }
      const [c, photoCount, events, time] = await Promise.all([
        context(ctx, repair, locale),
        photos.count(ctx.actor.organizationId, repair.id),
        repairs.events(ctx, repair.id),
        timers.byTechnician(ctx.actor.organizationId, repair.id),
      ]);
      const pdf = await renderServiceReport(
        {
          repair,
          shop: c.shop,
          customer: c.customer,
          photoCount,
          events: events.items,
          time: { totalSeconds: time.reduce((sum, r) => sum + r.seconds, 0), byTechnician: time },
        },
        { locale: c.locale, ...(c.timeZone ? { timeZone: c.timeZone } : {}) },
      );
      return { pdf, fileName: fileName(c.locale, 'documents.report.file', repair.number) };
    },
  };
}
export type RepairDocumentsService = ReturnType<typeof createRepairDocumentsService>;
