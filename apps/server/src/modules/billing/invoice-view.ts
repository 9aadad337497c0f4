import {
  type FiscalDocument,
  fromCents,
  fromMilli,
  type Invoice,
  type InvoiceKind,
  type InvoiceLineKind,
  type InvoiceListItem,
  type InvoiceStatus,
  type Payment,
  type PaymentMethod,
  type Refund,
  type RefundStatus,
  toMilli,
} from '@bancada/shared';
import type {
  FiscalDocumentRow,
  InvoiceLineRow,
  InvoiceRow,
  PaymentRow,
  RefundRow,
} from './invoices.repo.js';

/** The shop's calendar date of an instant (YYYY-MM-DD in its zone): due dates and "overdue" use it. */
export function shopDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** A calendar date `days` after another (YYYY-MM-DD, no zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What is open on an invoice: its status follows from what has been paid of its total. */
export function statusFor(totalCents: number, paidCents: number): InvoiceStatus {
  if (paidCents >= totalCents) return 'PAID';
  return paidCents > 0 ? 'PARTIALLY_PAID' : 'OPEN';
}

export function isOverdue(row: Pick<InvoiceRow, 'status' | 'dueDate'>, today: string): boolean {
  return (row.status === 'OPEN' || row.status === 'PARTIALLY_PAID') && row.dueDate < today;
}

export function toInvoiceListItem(row: InvoiceRow, today: string): InvoiceListItem {
  return {
    id: row.id,
    number: row.number ?? 0,
    status: row.status as InvoiceStatus,
    kind: row.kind as InvoiceKind,
    overdue: isOverdue(row, today),
    repairId: row.repairId,
    repairNumber: row.repairNumber,
    customerId: row.customerId,
    customerName: row.customerName,
    subtotal: fromCents(row.subtotalCents),
    discount: fromCents(row.discountCents),
    total: fromCents(row.totalCents),
    paid: fromCents(row.paidCents),
    balance: row.status === 'CANCELLED' ? 0 : fromCents(row.totalCents - row.paidCents),
    dueDate: row.dueDate,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    repairId: row.repairId,
    method: row.method as PaymentMethod,
    amount: fromCents(row.amountCents),
    refunded: fromCents(row.refundedCents),
    paidAt: row.paidAt.toISOString(),
    installments: row.installments,
    reference: row.reference,
    note: row.note,
    tendered: row.tenderedCents == null ? null : fromCents(row.tenderedCents),
    change: row.changeCents == null ? null : fromCents(row.changeCents),
    deposit: row.deposit,
    flagged: row.flagged,
    flagReason: row.flagReason,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.paymentId,
    invoiceId: row.invoiceId,
    amount: fromCents(row.amountCents),
    reason: row.reason,
    status: row.status as RefundStatus,
    providerMessage: row.providerMessage,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toFiscalDocument(row: FiscalDocumentRow): FiscalDocument {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    type: row.type as FiscalDocument['type'],
    status: row.status as FiscalDocument['status'],
    number: row.number,
    series: row.series,
    accessKey: row.accessKey,
    pdfUrl: row.pdfUrl,
    xmlUrl: row.xmlUrl,
    source: row.source as FiscalDocument['source'],
    providerMessage: row.providerMessage,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toInvoice(
  row: InvoiceRow,
  parts: {
    lines: InvoiceLineRow[];
    payments: PaymentRow[];
    refunds: RefundRow[];
    fiscalDocuments: FiscalDocumentRow[];
    today: string;
  },
): Invoice {
  return {
    ...toInvoiceListItem(row, parts.today),
    lines: parts.lines.map((l) => ({
      kind: l.kind as InvoiceLineKind,
      description: l.description,
      quantity: fromMilli(toMilli(Number(l.quantity))),
      unitValue: fromCents(l.unitValueCents),
      totalValue: fromCents(l.totalCents),
      componentId: l.componentId,
    })),
    paymentTerms: row.paymentTerms,
    notes: row.notes,
    pixTxid: row.pixTxid,
    payments: parts.payments.map(toPayment),
    refunds: parts.refunds.map(toRefund),
    fiscalDocuments: parts.fiscalDocuments.map(toFiscalDocument),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
