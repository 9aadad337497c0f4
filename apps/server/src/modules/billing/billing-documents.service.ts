import type { BillingExportKind, BillingExportPeriod } from '@bancada/shared';
import {
  type FiscalDocumentStatus,
  type FiscalDocumentType,
  fromCents,
  type Invoice,
  type InvoiceKind,
  type InvoiceStatus,
  LOCALES,
  type Locale,
  type PaymentMethod,
  type RefundStatus,
  type Repair,
} from '@bancada/shared';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationProfile, OrganizationService } from '../organization/organization.service.js';
import type { ExportsRepo, ExportWindow } from './exports.repo.js';
import { shopDate } from './invoice-view.js';
import {
  enumLabels,
  FISCAL_TYPE_LABELS,
  type InvoicePdfContext,
  type InvoicePdfCustomer,
  invoiceFileName,
  renderInvoicePdf,
} from './invoices.pdf.js';
import type { InvoicesRepo } from './invoices.repo.js';
import type { InvoicesService } from './invoices.service.js';
import { type PixService, pixQr } from './pix.service.js';

/** The vehicle, appliances or machine of an order: repairs (higher in the map) answers through the root. */
export type OrderAsset = (
  ctx: AuthedContext,
  repairId: string,
) => Promise<Pick<Repair, 'asset' | 'appliances'> | undefined>;

export type BillingDocumentsDeps = {
  db: Database;
  invoices: Pick<InvoicesService, 'get'>;
  repo: Pick<InvoicesRepo, 'find'>;
  exports: ExportsRepo;
  pix: Pick<PixService, 'forInvoice'>;
  organization: Pick<OrganizationService, 'profile'>;
  customers: Pick<CustomersService, 'get' | 'contactOf' | 'namesByIds'>;
  orderAsset?: OrderAsset | undefined;
};

/** The order's asset in a few words: a vehicle's or machine's label, else its appliances. */
export function assetText(order: Pick<Repair, 'asset' | 'appliances'>): string | null {
  if (order.asset && order.asset.kind !== 'appliance') return order.asset.label;
  const appliances = order.appliances.map((a) =>
    [[a.type, a.brand, a.model].filter(Boolean).join(' '), a.serial].filter(Boolean).join(' · '),
  );
  return appliances.length ? appliances.join('; ') : (order.asset?.label ?? null);
}

type ColumnType = 'text' | 'int' | 'money' | 'date' | 'datetime';
/** text: string; int: number; money: cents; date: YYYY-MM-DD; datetime: an instant */
type Value = string | number | Date | null;

/** Column headers in pt-BR, es, en. */
const HEADERS = {
  number: ['Número', 'Número', 'Number'],
  issued: ['Emissão', 'Emisión', 'Issue date'],
  due: ['Vencimento', 'Vencimiento', 'Due date'],
  status: ['Situação', 'Estado', 'Status'],
  kind: ['Tipo', 'Tipo', 'Kind'],
  order: ['OS', 'OS', 'Order'],
  customer: ['Cliente', 'Cliente', 'Customer'],
  subtotal: ['Subtotal', 'Subtotal', 'Subtotal'],
  discount: ['Desconto', 'Descuento', 'Discount'],
  total: ['Total', 'Total', 'Total'],
  paid: ['Pago', 'Pagado', 'Paid'],
  balance: ['Saldo', 'Saldo', 'Balance'],
  cancelledAt: ['Cancelada em', 'Anulada el', 'Cancelled on'],
  cancelReason: ['Motivo do cancelamento', 'Motivo de la anulación', 'Cancellation reason'],
  paidAt: ['Data do pagamento', 'Fecha del pago', 'Payment date'],
  method: ['Forma', 'Medio', 'Method'],
  amount: ['Valor', 'Importe', 'Amount'],
  refunded: ['Estornado', 'Reembolsado', 'Refunded'],
  installments: ['Parcelas', 'Cuotas', 'Installments'],
  reference: ['Referência', 'Referencia', 'Reference'],
  invoice: ['Fatura', 'Factura', 'Invoice'],
  deposit: ['Sinal', 'Anticipo', 'Deposit'],
  createdBy: ['Registrado por', 'Registrado por', 'Recorded by'],
  date: ['Data', 'Fecha', 'Date'],
  reason: ['Motivo', 'Motivo', 'Reason'],
  type: ['Tipo', 'Tipo', 'Type'],
  series: ['Série', 'Serie', 'Series'],
  accessKey: ['Chave de acesso', 'Clave de acceso', 'Access key'],
  invoiceTotal: ['Total da fatura', 'Total de la factura', 'Invoice total'],
  pdfUrl: ['PDF', 'PDF', 'PDF'],
  xmlUrl: ['XML', 'XML', 'XML'],
} as const;
type HeaderKey = keyof typeof HEADERS;

type Column = readonly [HeaderKey, ColumnType, number];

/** Each kind: its columns (header, type, width in characters) and its names for the sheet and file. */
const KINDS = {
  invoices: {
    names: ['faturas', 'facturas', 'invoices'],
    columns: [
      ['number', 'int', 9],
      ['issued', 'date', 12],
      ['due', 'date', 12],
      ['status', 'text', 15],
      ['kind', 'text', 18],
      ['order', 'int', 8],
      ['customer', 'text', 32],
      ['subtotal', 'money', 14],
      ['discount', 'money', 14],
      ['total', 'money', 14],
      ['paid', 'money', 14],
      ['balance', 'money', 14],
      ['cancelledAt', 'date', 13],
      ['cancelReason', 'text', 32],
    ],
  },
  payments: {
    names: ['pagamentos', 'pagos', 'payments'],
    columns: [
      ['paidAt', 'datetime', 17],
      ['method', 'text', 18],
      ['amount', 'money', 14],
      ['refunded', 'money', 14],
      ['installments', 'int', 9],
      ['reference', 'text', 22],
      ['invoice', 'int', 9],
      ['order', 'int', 8],
      ['customer', 'text', 32],
      ['deposit', 'text', 8],
      ['createdBy', 'text', 22],
    ],
  },
  refunds: {
    names: ['estornos', 'reembolsos', 'refunds'],
    columns: [
      ['date', 'datetime', 17],
      ['amount', 'money', 14],
      ['status', 'text', 16],
      ['reason', 'text', 32],
      ['method', 'text', 18],
      ['paidAt', 'datetime', 17],
      ['invoice', 'int', 9],
      ['customer', 'text', 32],
      ['createdBy', 'text', 22],
    ],
  },
  'fiscal-documents': {
    names: ['documentos-fiscais', 'documentos-fiscales', 'fiscal-documents'],
    columns: [
      ['date', 'datetime', 17],
      ['type', 'text', 8],
      ['number', 'text', 12],
      ['series', 'text', 7],
      ['status', 'text', 16],
      ['accessKey', 'text', 48],
      ['invoice', 'int', 9],
      ['customer', 'text', 32],
      ['invoiceTotal', 'money', 14],
      ['pdfUrl', 'text', 30],
      ['xmlUrl', 'text', 30],
    ],
  },
} as const satisfies Record<BillingExportKind, { names: readonly string[]; columns: readonly Column[] }>;

// HEADERS and names hold pt-BR, es, en in LOCALES' order
const localeIndex = (locale: Locale) => LOCALES.indexOf(locale) as 0 | 1 | 2;

/** An export as a table of plain values, before it becomes CSV or XLSX. */
type Table = { kind: BillingExportKind; columns: readonly Column[]; rows: Value[][] };

/** The wall clock of an instant in the shop's zone: YYYY-MM-DD and HH:MM. */
function wallClock(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const dayFirst = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// a cell that starts like a formula is text, not something for the spreadsheet to run (CSV injection)
const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * CSV for the accountant's spreadsheet: in pt-BR and es, `;` between fields, a decimal comma and
 * DD/MM/YYYY (what Excel set to Brazilian or Spanish reads as numbers and dates); in en, `,`, a
 * decimal point and ISO dates. UTF-8 with a BOM, so Excel reads the accents; money without symbol.
 */
export function toCsv(table: Table, locale: Locale, timeZone: string): string {
  const comma = locale !== 'en';
  const date = (iso: string) => (comma ? dayFirst(iso) : iso);
  const cell = (type: ColumnType, value: Value): string => {
    if (value === null) return '';
    switch (type) {
      case 'money': {
        const text = fromCents(value as number).toFixed(2);
        return comma ? text.replace('.', ',') : text;
      }
      case 'int':
        return String(value);
      case 'date':
        return date(value as string);
      case 'datetime': {
        const wall = wallClock(value as Date, timeZone);
        return `${date(wall.date)} ${wall.time}`;
      }
      default:
        return inert(String(value));
    }
  };
  const i = localeIndex(locale);
  return stringify(
    table.rows.map((row) => row.map((value, c) => cell(table.columns[c]![1], value))),
    {
      header: true,
      columns: table.columns.map(([key]) => HEADERS[key][i]),
      delimiter: comma ? ';' : ',',
      bom: true,
    },
  );
}

/** Excel's number format for money in the shop's currency: `"R$" #,##0.00`. */
function moneyFormat(locale: Locale, currency: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const symbol = format.formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return `"${symbol.replaceAll('"', '')}" #,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
}

/** A calendar day or a wall-clock time as the UTC instant Excel stores for it (it has no zones). */
const excelDate = (date: string, time = '00:00') => new Date(`${date}T${time}:00Z`);

/** XLSX with typed cells: money as numbers in the currency's format, dates as dates; bold, frozen header. */
export async function toXlsx(
  table: Table,
  locale: Locale,
  timeZone: string,
  currency: string,
): Promise<Buffer> {
  const i = localeIndex(locale);
  const dateFormat = locale === 'en' ? 'yyyy-mm-dd' : 'dd/mm/yyyy';
  const formats: Record<ColumnType, string | undefined> = {
    text: undefined,
    int: '0',
    money: moneyFormat(locale, currency),
    date: dateFormat,
    datetime: `${dateFormat} hh:mm`,
  };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bancada';
  const sheet = workbook.addWorksheet(KINDS[table.kind].names[i], {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map(([key, , width]) => ({ header: HEADERS[key][i], key, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  for (const values of table.rows) {
    const row = sheet.addRow(
      values.map((value, c) => {
        const type = table.columns[c]![1];
        if (value === null) return null;
        if (type === 'money') return fromCents(value as number);
        if (type === 'date') return excelDate(value as string);
        if (type === 'datetime') {
          const wall = wallClock(value as Date, timeZone);
          return excelDate(wall.date, wall.time);
        }
        return value;
      }),
    );
    table.columns.forEach(([, type], c) => {
      const format = formats[type];
      if (format) row.getCell(c + 1).numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What the PDF prints beside the invoice: the customer record, the order's asset, the Pix. */
function pdfParts(deps: BillingDocumentsDeps) {
  const { db, repo, pix, customers } = deps;
  const isRefusal = (error: unknown) =>
    error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND');

  /** The customer record's document, contact and first address; the contact only for a role without it. */
  async function customerOf(ctx: AuthedContext, invoice: Invoice): Promise<InvoicePdfCustomer | null> {
    try {
      const c = await customers.get(ctx, invoice.customerId);
      const a = c.addresses[0];
      return {
        name: invoice.customerName,
        document: c.document,
        documentType: c.documentType,
        email: c.email,
        phone: c.phone,
        address: a
          ? {
              street: a.street,
              number: a.number,
              complement: a.complement,
              neighborhood: a.neighborhood,
              city: a.city,
              state: a.state,
              postalCode: a.postalCode,
            }
          : null,
      };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const contact = await customers.contactOf(db, ctx.actor.organizationId, invoice.customerId);
      return contact
        ? {
            name: invoice.customerName,
            document: null,
            documentType: null,
            email: contact.email,
            phone: contact.phone,
          }
        : null;
    }
  }

  async function assetOf(ctx: AuthedContext, invoice: Invoice): Promise<string | null> {
    if (!invoice.repairId || !deps.orderAsset) return null;
    try {
      const order = await deps.orderAsset(ctx, invoice.repairId);
      return order ? assetText(order) : null;
    } catch (error) {
      if (isRefusal(error)) return null;
      throw error;
    }
  }

  async function pixOf(ctx: AuthedContext, invoice: Invoice): Promise<InvoicePdfContext['pix']> {
    if (invoice.status === 'CANCELLED' || invoice.balance <= 0) return null;
    try {
      const row = await repo.find(db, ctx.actor.organizationId, invoice.id);
      if (!row) return null;
      const code = await pix.forInvoice(db, row, `/api/invoices/${invoice.id}/pix.png`);
      return { payload: code.payload, qrPng: await pixQr(code.payload, 'png'), expiresAt: code.expiresAt };
    } catch {
      // no Pix key and no provider, or no code to be had: the PDF goes out without the QR
      return null;
    }
  }

  return { customerOf, assetOf, pixOf };
}

type Rows = (ctx: AuthedContext, w: ExportWindow, locale: Locale) => Promise<Value[][]>;

/** Each kind's rows: one statement for the records, one for customers' names when some are missing. */
function exportRows({ db, customers, exports }: BillingDocumentsDeps): Record<BillingExportKind, Rows> {
  /** Customers' names by id, for the rows whose invoice does not carry one (a deposit not invoiced yet). */
  async function namesFor(ctx: AuthedContext, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    return unique.length ? customers.namesByIds(db, ctx.actor.organizationId, unique) : new Map();
  }

  const invoiceRows: Rows = async (ctx, w, locale) => {
    const e = enumLabels(locale);
    const rows = await exports.invoicesIssued(db, ctx.actor.organizationId, w);
    return rows.map((r) => [
      r.number,
      shopDate(r.createdAt, w.timeZone),
      r.dueDate,
      e.status[r.status as InvoiceStatus] ?? r.status,
      e.kind[r.kind as InvoiceKind] ?? r.kind,
      r.repairNumber,
      r.customerName,
      r.subtotalCents,
      r.discountCents,
      r.totalCents,
      r.paidCents,
      r.status === 'CANCELLED' ? 0 : r.totalCents - r.paidCents,
      r.cancelledAt ? shopDate(r.cancelledAt, w.timeZone) : null,
      r.cancelReason,
    ]);
  };

  const paymentRows: Rows = async (ctx, w, locale) => {
    const e = enumLabels(locale);
    const rows = await exports.paymentsReceived(db, ctx.actor.organizationId, w);
    const names = await namesFor(
      ctx,
      rows.filter((r) => r.invoiceCustomerName === null).map((r) => r.payment.customerId),
    );
    const yes = t(locale, 'documents.yes');
    return rows.map(({ payment: p, ...r }) => [
      p.paidAt,
      e.method[p.method as PaymentMethod] ?? p.method,
      p.amountCents,
      p.refundedCents,
      p.installments,
      p.reference,
      r.invoiceNumber,
      r.repairNumber,
      r.invoiceCustomerName ?? names.get(p.customerId) ?? null,
      p.deposit ? yes : null,
      p.createdByName,
    ]);
  };

  const refundRows: Rows = async (ctx, w, locale) => {
    const e = enumLabels(locale);
    const rows = await exports.refundsMade(db, ctx.actor.organizationId, w);
    const names = await namesFor(
      ctx,
      rows.filter((r) => r.invoiceCustomerName === null).map((r) => r.customerId),
    );
    return rows.map(({ refund: f, ...r }) => [
      f.createdAt,
      f.amountCents,
      e.refund[f.status as RefundStatus] ?? f.status,
      f.reason,
      e.method[r.method as PaymentMethod] ?? r.method,
      r.paidAt,
      r.invoiceNumber,
      r.invoiceCustomerName ?? names.get(r.customerId) ?? null,
      f.createdByName,
    ]);
  };

  const fiscalRows: Rows = async (ctx, w, locale) => {
    const e = enumLabels(locale);
    const rows = await exports.fiscalDocumentsRecorded(db, ctx.actor.organizationId, w);
    return rows.map(({ document: d, ...r }) => [
      d.createdAt,
      FISCAL_TYPE_LABELS[d.type as FiscalDocumentType] ?? d.type,
      d.number,
      d.series,
      e.fiscal[d.status as FiscalDocumentStatus] ?? d.status,
      d.accessKey,
      r.invoiceNumber,
      r.customerName,
      r.invoiceTotalCents,
      d.pdfUrl,
      d.xmlUrl,
    ]);
  };

  return {
    invoices: invoiceRows,
    payments: paymentRows,
    refunds: refundRows,
    'fiscal-documents': fiscalRows,
  };
}

/** The invoice's PDF and the accountant's exports (issue 12 §1 and §5). */
export function createBillingDocuments(deps: BillingDocumentsDeps) {
  const { db, invoices, organization } = deps;
  const { customerOf, assetOf, pixOf } = pdfParts(deps);
  const ROWS = exportRows(deps);

  async function profileOf(ctx: AuthedContext): Promise<OrganizationProfile> {
    const profile = await organization.profile(db, ctx.actor.organizationId);
    if (!profile) throw notFound('billing.invoice_not_found');
    return profile;
  }

  /** The request's language when it names one, else the shop's. */
  const localeOf = (ctx: AuthedContext, profile: OrganizationProfile, requested?: Locale): Locale =>
    requested ?? LOCALES.find((l) => l === profile.locale) ?? ctx.locale;

  /** Reads the table, records who took it (customers' names leave the system), names the file. */
  async function prepareExport(
    ctx: AuthedContext,
    kind: BillingExportKind,
    period: BillingExportPeriod,
    format: 'csv' | 'xlsx',
    requested?: Locale,
  ) {
    assertCan(ctx, 'invoices:read');
    const profile = await profileOf(ctx);
    const locale = localeOf(ctx, profile, requested);
    const window = { ...period, timeZone: profile.timeZone };
    const table: Table = { kind, columns: KINDS[kind].columns, rows: await ROWS[kind](ctx, window, locale) };
    await recordAudit(db, ctx, {
      organizationId: ctx.actor.organizationId,
      action: 'billing.exported',
      entity: 'billing_export',
      after: { kind, format, from: period.from, to: period.to, rows: table.rows.length },
    });
    const filename = `${KINDS[kind].names[localeIndex(locale)]}_${period.from}_${period.to}.${format}`;
    return { table, locale, profile, filename };
  }

  return {
    /** The invoice as a PDF; with a balance due and Pix set up, the QR code to pay it. */
    async pdf(
      ctx: AuthedContext,
      invoiceId: string,
      requested?: Locale,
    ): Promise<{ pdf: Buffer; number: number; filename: string }> {
      // staff with invoices:read, or the invoice's own CUSTOMER (`get` checks; another's: 404)
      const invoice = await invoices.get(ctx, invoiceId);
      const profile = await profileOf(ctx);
      const locale = localeOf(ctx, profile, requested);
      const [customer, asset, pixCode] = await Promise.all([
        customerOf(ctx, invoice),
        assetOf(ctx, invoice),
        pixOf(ctx, invoice),
      ]);
      const pdf = await renderInvoicePdf(invoice, {
        shop: {
          name: profile.name,
          document: profile.document,
          address: profile.address,
          currency: profile.currency,
        },
        customer,
        asset,
        pix: pixCode,
        locale,
        timeZone: profile.timeZone,
        currency: profile.currency,
      });
      return { pdf, number: invoice.number, filename: invoiceFileName(invoice.number, locale) };
    },

    /** One kind of record over the period as CSV text (see `toCsv` for the separators). */
    async exportCsv(
      ctx: AuthedContext,
      kind: BillingExportKind,
      period: BillingExportPeriod,
      requested?: Locale,
    ): Promise<{ filename: string; body: string }> {
      const { table, locale, profile, filename } = await prepareExport(ctx, kind, period, 'csv', requested);
      return { filename, body: toCsv(table, locale, profile.timeZone) };
    },

    /** The same as an XLSX workbook with typed cells. */
    async exportXlsx(
      ctx: AuthedContext,
      kind: BillingExportKind,
      period: BillingExportPeriod,
      requested?: Locale,
    ): Promise<{ filename: string; body: Buffer }> {
      const { table, locale, profile, filename } = await prepareExport(ctx, kind, period, 'xlsx', requested);
      return { filename, body: await toXlsx(table, locale, profile.timeZone, profile.currency) };
    },
  };
}
export type BillingDocumentsService = ReturnType<typeof createBillingDocuments>;
