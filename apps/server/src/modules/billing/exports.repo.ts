import { and, asc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { fiscalDocuments, invoices, payments, refunds } from '../../db/schema/billing.js';

/** Days of the shop's calendar, both inclusive, and the zone they are read in. */
export type ExportWindow = { from: string; to: string; timeZone: string };

/**
 * [from 00:00, to + 1 day 00:00) on the shop's wall clock, as instants: the comparison stays on the
 * bare timestamp column, so its (organization, time) index serves the range.
 */
function within(column: PgColumn, w: ExportWindow): SQL {
  return and(
    sql`${column} >= (${w.from}::date)::timestamp AT TIME ZONE ${w.timeZone}`,
    sql`${column} < (${w.to}::date + 1)::timestamp AT TIME ZONE ${w.timeZone}`,
  )!;
}

/** The accountant's exports: each kind in one statement, oldest first. */
export function createExportsRepo() {
  return {
    /** Invoices issued in the window (cancelled ones too: the accountant sees the gap explained). */
    async invoicesIssued(db: Database, organizationId: string, w: ExportWindow) {
      return db
        .select()
        .from(invoices)
        .where(
          and(
            eq(invoices.organizationId, organizationId),
            isNotNull(invoices.number),
            within(invoices.createdAt, w),
          ),
        )
        .orderBy(asc(invoices.number));
    },

    /** Payments received in the window (deposits not on an invoice yet included), with their invoice. */
    async paymentsReceived(db: Database, organizationId: string, w: ExportWindow) {
      return db
        .select({
          payment: payments,
          invoiceNumber: invoices.number,
          repairNumber: invoices.repairNumber,
          invoiceCustomerName: invoices.customerName,
        })
        .from(payments)
        .leftJoin(invoices, eq(invoices.id, payments.invoiceId))
        .where(and(eq(payments.organizationId, organizationId), within(payments.paidAt, w)))
        .orderBy(asc(payments.paidAt), asc(payments.createdAt));
    },

    /** Refunds recorded in the window, with the payment they return and its invoice. */
    async refundsMade(db: Database, organizationId: string, w: ExportWindow) {
      return db
        .select({
          refund: refunds,
          method: payments.method,
          paidAt: payments.paidAt,
          customerId: payments.customerId,
          invoiceNumber: invoices.number,
          invoiceCustomerName: invoices.customerName,
        })
        .from(refunds)
        .innerJoin(payments, eq(payments.id, refunds.paymentId))
        .leftJoin(invoices, eq(invoices.id, refunds.invoiceId))
        .where(and(eq(refunds.organizationId, organizationId), within(refunds.createdAt, w)))
        .orderBy(asc(refunds.createdAt));
    },

    /** Fiscal documents recorded in the window, with their invoice. */
    async fiscalDocumentsRecorded(db: Database, organizationId: string, w: ExportWindow) {
      return db
        .select({
          document: fiscalDocuments,
          invoiceNumber: invoices.number,
          customerName: invoices.customerName,
          invoiceTotalCents: invoices.totalCents,
        })
        .from(fiscalDocuments)
        .innerJoin(invoices, eq(invoices.id, fiscalDocuments.invoiceId))
        .where(and(eq(fiscalDocuments.organizationId, organizationId), within(fiscalDocuments.createdAt, w)))
        .orderBy(asc(fiscalDocuments.createdAt));
    },
  };
}
export type ExportsRepo = ReturnType<typeof createExportsRepo>;
