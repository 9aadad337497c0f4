import { z } from 'zod';
import { MoneySchema } from '../money.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { PIX_KEY_TYPES } from '../pix.js';
import { textParam } from '../text.js';
import { ComponentIdSchema, PositiveQuantitySchema } from './inventory.js';

/**
 * Billing (issue 12, PRODUCT §8): invoices from finished orders or by hand, payments, refunds, the
 * cash register, receivables and payables, Pix and fiscal documents. Money is a 2-decimal number on
 * the wire and integer cents inside (ARCHITECTURE §4); no amount is negative.
 */

export const INVOICE_STATUSES = ['OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** ORDER: generated when a service order is finished; COUNTER: parts sold at the counter; DEPOSIT: a sinal */
export const INVOICE_KINDS = ['ORDER', 'COUNTER', 'DEPOSIT'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export const INVOICE_LINE_KINDS = ['SERVICE', 'PART', 'OTHER'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];
export const PAYMENT_METHODS = ['CASH', 'PIX', 'CREDIT_CARD', 'DEBIT_CARD', 'BOLETO', 'TRANSFER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const REFUND_STATUSES = ['COMPLETED', 'PROCESSING', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const FISCAL_DOCUMENT_TYPES = ['NFSE', 'NFE', 'NFCE'] as const;
export type FiscalDocumentType = (typeof FISCAL_DOCUMENT_TYPES)[number];
export const FISCAL_DOCUMENT_STATUSES = ['PROCESSING', 'AUTHORIZED', 'REJECTED', 'CANCELLED'] as const;
export type FiscalDocumentStatus = (typeof FISCAL_DOCUMENT_STATUSES)[number];
/** What delivering an order with an unpaid balance does (organization setting). */
export const DELIVERY_BALANCE_POLICIES = ['WARN', 'BLOCK'] as const;
export type DeliveryBalancePolicy = (typeof DELIVERY_BALANCE_POLICIES)[number];
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

const PositiveMoneySchema = MoneySchema.refine((v) => v > 0, { message: 'validation.money_positive' });
const IsoDateSchema = z.iso.date();

export const InvoiceLineSchema = z.object({
  kind: z.enum(INVOICE_LINE_KINDS),
  description: z.string(),
  quantity: z.number(),
  unitValue: z.number(),
  totalValue: z.number(),
  /** the part sold, when the line is one */
  componentId: z.string().nullable(),
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

export const PaymentSchema = z
  .object({
    id: z.uuid(),
    /** null while a deposit (sinal) waits for its order's invoice */
    invoiceId: z.uuid().nullable(),
    repairId: z.uuid().nullable(),
    method: z.enum(PAYMENT_METHODS),
    amount: z.number(),
    /** what was refunded of it so far */
    refunded: z.number(),
    paidAt: z.string(),
    /** card installments (1 for debit and cash) */
    installments: z.number().int(),
    /** card authorization code / NSU, Pix end-to-end id, boleto or transfer reference */
    reference: z.string().nullable(),
    note: z.string().nullable(),
    /** cash handed over and the change given back */
    tendered: z.number().nullable(),
    change: z.number().nullable(),
    deposit: z.boolean(),
    /** a payment that needs a look (a Pix paid with another amount than charged) */
    flagged: z.boolean(),
    flagReason: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof PaymentSchema>;

export const RefundSchema = z
  .object({
    id: z.uuid(),
    paymentId: z.uuid(),
    invoiceId: z.uuid().nullable(),
    amount: z.number(),
    reason: z.string(),
    status: z.enum(REFUND_STATUSES),
    providerMessage: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Refund' });
export type Refund = z.infer<typeof RefundSchema>;

export const FiscalDocumentSchema = z
  .object({
    id: z.uuid(),
    invoiceId: z.uuid(),
    type: z.enum(FISCAL_DOCUMENT_TYPES),
    status: z.enum(FISCAL_DOCUMENT_STATUSES),
    number: z.string().nullable(),
    series: z.string().nullable(),
    /** NF-e/NFC-e access key (44 digits) or the NFS-e verification code */
    accessKey: z.string().nullable(),
    pdfUrl: z.string().nullable(),
    xmlUrl: z.string().nullable(),
    /** MANUAL: typed in by staff; PROVIDER: issued through the fiscal provider */
    source: z.enum(['MANUAL', 'PROVIDER']),
    providerMessage: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'FiscalDocument' });
export type FiscalDocument = z.infer<typeof FiscalDocumentSchema>;

const InvoiceSummaryShape = {
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(INVOICE_STATUSES),
  kind: z.enum(INVOICE_KINDS),
  /** open balance past the due date */
  overdue: z.boolean(),
  repairId: z.uuid().nullable(),
  repairNumber: z.number().int().nullable(),
  customerId: z.uuid(),
  customerName: z.string(),
  subtotal: z.number(),
  discount: z.number(),
  total: z.number(),
  /** payments net of refunds */
  paid: z.number(),
  balance: z.number(),
  dueDate: z.string(),
  createdAt: z.string(),
};

export const InvoiceListItemSchema = z.object(InvoiceSummaryShape).meta({ id: 'InvoiceListItem' });
export type InvoiceListItem = z.infer<typeof InvoiceListItemSchema>;

export const InvoiceSchema = z
  .object({
    ...InvoiceSummaryShape,
    lines: z.array(InvoiceLineSchema),
    paymentTerms: z.string().nullable(),
    notes: z.string().nullable(),
    /** the txid of the invoice's static Pix code (reconciliation) */
    pixTxid: z.string(),
    payments: z.array(PaymentSchema),
    refunds: z.array(RefundSchema),
    fiscalDocuments: z.array(FiscalDocumentSchema),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof InvoiceSchema>;

export const InvoicePageSchema = pageOf(InvoiceListItemSchema);
export type InvoicePage = z.infer<typeof InvoicePageSchema>;

export const InvoiceLineInputSchema = z.object({
  kind: z.enum(INVOICE_LINE_KINDS).default('OTHER'),
  description: z.string().trim().min(1, { message: 'validation.required' }).max(300),
  quantity: PositiveQuantitySchema.default(1),
  /** a part's price defaults to the component's */
  unitValue: MoneySchema.optional(),
  /** a PART line with a component takes it out of stock */
  componentId: ComponentIdSchema.optional(),
});
export type InvoiceLineInput = z.input<typeof InvoiceLineInputSchema>;

/** By hand: a counter sale (parts with no order) or a deposit invoice. */
export const InvoiceCreateSchema = z.object({
  customerId: z.uuid(),
  kind: z.enum(['COUNTER', 'DEPOSIT']).default('COUNTER'),
  /** a deposit invoice may point at the order it is for */
  repairId: z.uuid().nullish(),
  lines: z.array(InvoiceLineInputSchema).min(1, { message: 'validation.lines_min' }).max(200),
  discount: MoneySchema.default(0),
  /** default: today + the organization's payment days */
  dueDate: IsoDateSchema.nullish(),
  paymentTerms: z.string().trim().max(300).nullish(),
  notes: z.string().trim().max(2000).nullish(),
});
export type InvoiceCreate = z.input<typeof InvoiceCreateSchema>;
export type InvoiceCreateParsed = z.output<typeof InvoiceCreateSchema>;

export const InvoiceListQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(INVOICE_STATUSES).optional(),
  customerId: z.uuid().optional(),
  /** issue date range (inclusive), YYYY-MM-DD in the shop's zone */
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** number, customer name or document */
  q: textParam(100).optional(),
});
export type InvoiceListQuery = z.input<typeof InvoiceListQuerySchema>;
export type InvoiceListQueryParsed = z.output<typeof InvoiceListQuerySchema>;

export const InvoiceCancelSchema = z.object({
  reason: z.string().trim().min(3, { message: 'validation.reason_min' }).max(500),
});
export type InvoiceCancel = z.infer<typeof InvoiceCancelSchema>;

export const PaymentCreateSchema = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amount: PositiveMoneySchema,
    paidAt: z.iso.datetime({ offset: true }).optional(),
    /** credit card only: 1–12 */
    installments: z.number().int().min(1).max(12).default(1),
    reference: z.string().trim().max(120).nullish(),
    note: z.string().trim().max(500).nullish(),
    /** cash only: what the customer handed over; the change is computed */
    tendered: MoneySchema.nullish(),
  })
  .refine((p) => p.method === 'CREDIT_CARD' || p.installments === 1, {
    message: 'validation.installments_credit_only',
    path: ['installments'],
  })
  .refine((p) => p.tendered == null || p.method === 'CASH', {
    message: 'validation.tendered_cash_only',
    path: ['tendered'],
  })
  .refine((p) => p.tendered == null || p.tendered >= p.amount, {
    message: 'validation.tendered_below_amount',
    path: ['tendered'],
  });
export type PaymentCreate = z.input<typeof PaymentCreateSchema>;
export type PaymentCreateParsed = z.output<typeof PaymentCreateSchema>;

export const RefundCreateSchema = z.object({
  /** default: what is left of the payment */
  amount: PositiveMoneySchema.optional(),
  reason: z.string().trim().min(3, { message: 'validation.reason_min' }).max(500),
});
export type RefundCreate = z.input<typeof RefundCreateSchema>;

/** The customer's Pix for an invoice's open balance. */
export const InvoicePixSchema = z
  .object({
    payload: z.string(),
    txid: z.string(),
    amount: z.number(),
    qrSvg: z.string(),
    qrPngUrl: z.string(),
    /** true when a provider's charge (with automatic confirmation) is behind the code */
    dynamic: z.boolean(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'InvoicePix' });
export type InvoicePix = z.infer<typeof InvoicePixSchema>;

export const FiscalDocumentCreateSchema = z.object({
  type: z.enum(FISCAL_DOCUMENT_TYPES),
  number: z.string().trim().min(1).max(30),
  series: z.string().trim().max(10).nullish(),
  accessKey: z.string().trim().max(60).nullish(),
  pdfUrl: z.url().max(500).nullish(),
  xmlUrl: z.url().max(500).nullish(),
});
export type FiscalDocumentCreate = z.input<typeof FiscalDocumentCreateSchema>;

export const CustomerFinancialSchema = z
  .object({
    customerId: z.uuid(),
    invoiced: z.number(),
    paid: z.number(),
    balance: z.number(),
    overdue: z.number(),
    /** deposits taken on orders not invoiced yet */
    depositsHeld: z.number(),
    invoices: z.array(InvoiceListItemSchema),
    payments: z.array(PaymentSchema),
  })
  .meta({ id: 'CustomerFinancial' });
export type CustomerFinancial = z.infer<typeof CustomerFinancialSchema>;

export const ReceivablesSchema = z
  .object({
    asOf: z.string(),
    total: z.number(),
    buckets: z.array(
      z.object({ bucket: z.enum(AGING_BUCKETS), count: z.number().int(), amount: z.number() }),
    ),
    /** the oldest open invoices first */
    items: z.array(
      InvoiceListItemSchema.extend({ daysOverdue: z.number().int(), bucket: z.enum(AGING_BUCKETS) }),
    ),
  })
  .meta({ id: 'Receivables' });
export type Receivables = z.infer<typeof ReceivablesSchema>;

export const PixKeySettingsSchema = z.object({
  pixKey: z.string().trim().max(77).nullable(),
  pixKeyType: z.enum(PIX_KEY_TYPES).nullable(),
});
export type PixKeySettings = z.infer<typeof PixKeySettingsSchema>;

export const CASH_MOVEMENT_KINDS = ['OPENING', 'PAYMENT', 'REFUND', 'WITHDRAWAL', 'SUPPLY'] as const;
export type CashMovementKind = (typeof CASH_MOVEMENT_KINDS)[number];

export const CashMovementSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CASH_MOVEMENT_KINDS),
  /** IN adds to the drawer, OUT takes from it */
  direction: z.enum(['IN', 'OUT']),
  amount: z.number(),
  paymentId: z.uuid().nullable(),
  invoiceNumber: z.number().int().nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type CashMovement = z.infer<typeof CashMovementSchema>;

/** The day's cash register (caixa) of a branch. */
export const CashRegisterSchema = z
  .object({
    id: z.uuid(),
    branchId: z.uuid(),
    status: z.enum(['OPEN', 'CLOSED']),
    openedAt: z.string(),
    openedByName: z.string().nullable(),
    openingFloat: z.number(),
    /** what the drawer should hold: float + cash in − cash out */
    expected: z.number(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    counted: z.number().nullable(),
    /** counted − expected (negative: missing) as a signed figure */
    difference: z.number().nullable(),
    closingNote: z.string().nullable(),
    movements: z.array(CashMovementSchema),
    /** every payment of the register's day per method, cash or not, inside the register or not */
    totalsByMethod: z.array(
      z.object({ method: z.enum(PAYMENT_METHODS), count: z.number().int(), amount: z.number() }),
    ),
    /** cash payments of the day taken while no register was open */
    cashOutside: z.number(),
  })
  .meta({ id: 'CashRegister' });
export type CashRegister = z.infer<typeof CashRegisterSchema>;

export const CashRegisterOpenSchema = z.object({ openingFloat: MoneySchema.default(0) });
export type CashRegisterOpen = z.input<typeof CashRegisterOpenSchema>;
export const CashRegisterCloseSchema = z.object({
  counted: MoneySchema,
  note: z.string().trim().max(500).nullish(),
});
export type CashRegisterClose = z.input<typeof CashRegisterCloseSchema>;
export const CashMovementCreateSchema = z.object({
  kind: z.enum(['WITHDRAWAL', 'SUPPLY']),
  amount: PositiveMoneySchema,
  note: z.string().trim().min(3, { message: 'validation.reason_min' }).max(300),
});
export type CashMovementCreate = z.input<typeof CashMovementCreateSchema>;

export const PayableSchema = z
  .object({
    id: z.uuid(),
    supplierId: z.uuid().nullable(),
    supplierName: z.string().nullable(),
    purchaseOrderId: z.uuid().nullable(),
    purchaseOrderNumber: z.number().int().nullable(),
    description: z.string(),
    amount: z.number(),
    dueDate: z.string(),
    status: z.enum(['OPEN', 'PAID']),
    overdue: z.boolean(),
    paidAt: z.string().nullable(),
    method: z.enum(PAYMENT_METHODS).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payable' });
export type Payable = z.infer<typeof PayableSchema>;
export const PayablePageSchema = pageOf(PayableSchema);
export const PayableCreateSchema = z.object({
  supplierId: z.uuid().nullish(),
  purchaseOrderId: z.uuid().nullish(),
  description: z.string().trim().min(1).max(300),
  amount: PositiveMoneySchema,
  dueDate: IsoDateSchema,
});
export type PayableCreate = z.input<typeof PayableCreateSchema>;
export const PayablePaySchema = z.object({
  method: z.enum(PAYMENT_METHODS),
  paidAt: z.iso.datetime({ offset: true }).optional(),
});
export const PayableListQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(['OPEN', 'PAID']).optional(),
  supplierId: z.uuid().optional(),
});

/** Money expected in (open invoices) and out (open payables) per week ahead. */
export const CashFlowSchema = z
  .object({
    weeks: z.array(z.object({ weekStart: z.string(), receivable: z.number(), payable: z.number() })),
    /** already overdue, before the first week */
    overdueReceivable: z.number(),
    overduePayable: z.number(),
  })
  .meta({ id: 'CashFlow' });
export type CashFlow = z.infer<typeof CashFlowSchema>;

/** An invoice as the customer sees it through the no-login link. */
export const PublicInvoiceSchema = z
  .object({
    number: z.number().int(),
    status: z.enum(INVOICE_STATUSES),
    overdue: z.boolean(),
    shopName: z.string(),
    customerName: z.string(),
    repairNumber: z.number().int().nullable(),
    lines: z.array(InvoiceLineSchema.omit({ componentId: true })),
    subtotal: z.number(),
    discount: z.number(),
    total: z.number(),
    paid: z.number(),
    balance: z.number(),
    dueDate: z.string(),
    paymentTerms: z.string().nullable(),
    /** whether the shop takes Pix for it (a key or a provider is set up) */
    pixAvailable: z.boolean(),
    currency: z.string(),
  })
  .meta({ id: 'PublicInvoice' });
export type PublicInvoice = z.infer<typeof PublicInvoiceSchema>;

export const InvoiceLinkSchema = z
  .object({ url: z.string(), expiresAt: z.string() })
  .meta({ id: 'InvoiceLink' });
export type InvoiceLink = z.infer<typeof InvoiceLinkSchema>;
export const InvoiceTokenParamSchema = z.object({ token: z.string().min(20).max(400) });
