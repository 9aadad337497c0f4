import {
  type DocumentType,
  type FiscalDocumentStatus,
  formatDocument,
  formatMoney,
  formatPhone,
  type Invoice,
  type InvoiceKind,
  type InvoiceStatus,
  LOCALES,
  type Locale,
  type PaymentMethod,
  type RefundStatus,
  toCents,
} from '@bancada/shared';
import { t } from '../../platform/i18n.js';
import { addressLines, type PdfShop, pdfmake } from '../../platform/pdf.js';

/** The shop as printed on its invoice. */
export type InvoicePdfShop = PdfShop & { phone?: string | null; email?: string | null };

/** The customer as printed: the name at issue, the contact and document as the customer record has them. */
export type InvoicePdfCustomer = {
  name: string;
  document: string | null;
  documentType: string | null;
  email: string | null;
  phone: string | null;
  address?: Record<string, string> | null;
};

export type InvoicePdfContext = {
  shop: InvoicePdfShop;
  customer: InvoicePdfCustomer | null;
  /** the vehicle, appliance or machine of the invoice's order, in a few words */
  asset?: string | null;
  /** the Pix of the open balance; absent when the shop takes no Pix */
  pix?: { payload: string; qrPng: Buffer; expiresAt?: string | null } | null;
  locale: Locale;
  timeZone: string;
  currency: string;
};

/** Words for the values of billing's enumerations, in pt-BR, es, en (the order of LOCALES). */
const ENUM_WORDS = {
  method: {
    CASH: ['Dinheiro', 'Efectivo', 'Cash'],
    PIX: ['Pix', 'Pix', 'Pix'],
    CREDIT_CARD: ['Cartão de crédito', 'Tarjeta de crédito', 'Credit card'],
    DEBIT_CARD: ['Cartão de débito', 'Tarjeta de débito', 'Debit card'],
    BOLETO: ['Boleto', 'Boleto', 'Boleto'],
    TRANSFER: ['Transferência', 'Transferencia', 'Bank transfer'],
  },
  status: {
    OPEN: ['Em aberto', 'Pendiente', 'Open'],
    PARTIALLY_PAID: ['Paga em parte', 'Pagada en parte', 'Partially paid'],
    PAID: ['Paga', 'Pagada', 'Paid'],
    CANCELLED: ['Cancelada', 'Anulada', 'Cancelled'],
  },
  kind: {
    ORDER: ['Ordem de serviço', 'Orden de servicio', 'Service order'],
    COUNTER: ['Venda no balcão', 'Venta en mostrador', 'Counter sale'],
    DEPOSIT: ['Sinal', 'Anticipo', 'Deposit'],
  },
  refund: {
    COMPLETED: ['Concluído', 'Completado', 'Completed'],
    PROCESSING: ['Em processamento', 'En proceso', 'Processing'],
    FAILED: ['Não realizado', 'No realizado', 'Failed'],
  },
  fiscal: {
    PROCESSING: ['Em processamento', 'En proceso', 'Processing'],
    AUTHORIZED: ['Autorizada', 'Autorizada', 'Authorized'],
    REJECTED: ['Rejeitada', 'Rechazada', 'Rejected'],
    CANCELLED: ['Cancelada', 'Anulada', 'Cancelled'],
  },
} as const satisfies {
  method: Record<PaymentMethod, Words>;
  status: Record<InvoiceStatus, Words>;
  kind: Record<InvoiceKind, Words>;
  refund: Record<RefundStatus, Words>;
  fiscal: Record<FiscalDocumentStatus, Words>;
};
type Words = readonly [string, string, string];
type EnumWords = typeof ENUM_WORDS;

/** One language's column of a table of words. */
function wordsIn<K extends string>(table: Record<K, Words>, locale: Locale): Record<K, string> {
  const i = LOCALES.indexOf(locale);
  return Object.fromEntries(Object.entries<Words>(table).map(([key, words]) => [key, words[i]])) as Record<
    K,
    string
  >;
}

/** The words for billing's enumerations in one language (the PDF and the exports). */
export function enumLabels(locale: Locale): { [E in keyof EnumWords]: Record<keyof EnumWords[E], string> } {
  return {
    method: wordsIn(ENUM_WORDS.method, locale),
    status: wordsIn(ENUM_WORDS.status, locale),
    kind: wordsIn(ENUM_WORDS.kind, locale),
    refund: wordsIn(ENUM_WORDS.refund, locale),
    fiscal: wordsIn(ENUM_WORDS.fiscal, locale),
  };
}

export const FISCAL_TYPE_LABELS = { NFSE: 'NFS-e', NFE: 'NF-e', NFCE: 'NFC-e' } as const;

/** The invoice's words in pt-BR, es, en (the order of LOCALES). */
const LABELS = {
  title: ['Fatura', 'Factura', 'Invoice'],
  number: ['Fatura nº {number}', 'Factura n.º {number}', 'Invoice #{number}'],
  file: ['fatura', 'factura', 'invoice'],
  issued: ['Emissão', 'Emisión', 'Issued'],
  due: ['Vencimento', 'Vencimiento', 'Due'],
  status: ['Situação', 'Estado', 'Status'],
  overdue: ['vencida', 'vencida', 'overdue'],
  reference: ['Referência', 'Referencia', 'Reference'],
  items: ['Itens', 'Ítems', 'Items'],
  description: ['Descrição', 'Descripción', 'Description'],
  quantity: ['Qtd.', 'Cant.', 'Qty'],
  unitValue: ['Valor unit.', 'Valor unit.', 'Unit price'],
  total: ['Total', 'Total', 'Total'],
  subtotal: ['Subtotal', 'Subtotal', 'Subtotal'],
  discount: ['Desconto', 'Descuento', 'Discount'],
  payments: ['Pagamentos', 'Pagos', 'Payments'],
  date: ['Data', 'Fecha', 'Date'],
  method: ['Forma', 'Medio', 'Method'],
  amount: ['Valor', 'Importe', 'Amount'],
  ref: ['Referência', 'Referencia', 'Reference'],
  deposit: ['sinal', 'anticipo', 'deposit'],
  installments: ['{count}x', '{count} cuotas', '{count} installments'],
  refunded: ['estornado {amount}', 'reembolsado {amount}', 'refunded {amount}'],
  refunds: ['Estornos', 'Reembolsos', 'Refunds'],
  reason: ['Motivo', 'Motivo', 'Reason'],
  paid: ['Pago', 'Pagado', 'Paid'],
  balance: ['Saldo a pagar', 'Saldo a pagar', 'Balance due'],
  fiscal: ['Documentos fiscais', 'Documentos fiscales', 'Fiscal documents'],
  type: ['Tipo', 'Tipo', 'Type'],
  fiscalNumber: ['Número', 'Número', 'Number'],
  accessKey: [
    'Chave / código de verificação',
    'Clave / código de verificación',
    'Access key / verification code',
  ],
  terms: ['Condições de pagamento', 'Condiciones de pago', 'Payment terms'],
  notes: ['Observações', 'Observaciones', 'Notes'],
  pixHow: [
    'Pague com Pix: abra o app do seu banco e leia o código',
    'Pague con Pix: abra la app de su banco y lea el código',
    "Pay with Pix: open your bank's app and scan the code",
  ],
  pixCopy: ['Ou use o Pix copia e cola:', 'O use el Pix copia y pega:', 'Or use Pix copy and paste:'],
  pixValid: ['Código válido até {date}', 'Código válido hasta {date}', 'Code valid until {date}'],
  cancelled: ['CANCELADA', 'ANULADA', 'CANCELLED'],
  cancelledOn: ['Fatura cancelada em {date}', 'Factura anulada el {date}', 'Invoice cancelled on {date}'],
} as const satisfies Record<string, readonly [string, string, string]>;

const GREY = '#555555';
const RULE = '#bbbbbb';
const RED = '#b3261e';
const PAGE_WIDTH = 515;

type Node = Record<string, unknown> | string;

const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));

/** "Fatura nº 12" / "Factura n.º 12" / "Invoice #12". */
export function invoiceTitle(number: number, locale: Locale): string {
  return fill(wordsIn(LABELS, locale).number, { number });
}

/** fatura-12.pdf / factura-12.pdf / invoice-12.pdf */
export function invoiceFileName(number: number, locale: Locale): string {
  return `${wordsIn(LABELS, locale).file}-${number}.pdf`;
}

function formatters(c: InvoicePdfContext) {
  const { locale, timeZone } = c;
  const date = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  // a due date is a calendar date, not an instant: read it in UTC
  const calendar = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return {
    l: wordsIn(LABELS, locale),
    e: enumLabels(locale),
    money: (value: number) => formatMoney(toCents(value), locale, c.currency),
    date: (iso: string) => date.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    calendar: (day: string) => calendar.format(new Date(`${day}T00:00:00Z`)),
    quantity: (value: number) => quantity.format(value),
  };
}
type Format = ReturnType<typeof formatters>;

const rule = (): Node => ({
  canvas: [{ type: 'line', x1: 0, y1: 6, x2: PAGE_WIDTH, y2: 6, lineWidth: 0.5, lineColor: RULE }],
  margin: [0, 0, 0, 10],
});

const heading = (text: string): Node => ({
  text: text.toUpperCase(),
  bold: true,
  fontSize: 8.5,
  color: GREY,
  margin: [0, 12, 0, 3],
  headlineLevel: 1,
});

const headerCell = (text: string, alignment = 'left'): Node => ({
  text,
  bold: true,
  fontSize: 8.5,
  fillColor: '#eeeeee',
  alignment,
});

const right = (text: string, extra: Record<string, unknown> = {}): Node => ({
  text,
  alignment: 'right',
  ...extra,
});

function table(widths: (number | string)[], head: Node[], rows: Node[][]): Node {
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
  };
}

/** The shop on the left; number, dates and status on the right. */
function header(invoice: Invoice, c: InvoicePdfContext, f: Format): Node[] {
  const { shop, locale } = c;
  const taxId = shop.document
    ? `${t(locale, 'documents.tax_id')} ${formatDocument('CNPJ', shop.document)}`
    : '';
  const contact = [shop.phone ? formatPhone(shop.phone) : null, shop.email].filter(Boolean).join(' · ');
  const status =
    f.e.status[invoice.status] +
    (invoice.overdue && invoice.status !== 'CANCELLED' ? ` (${f.l.overdue})` : '');
  return [
    {
      columnGap: 16,
      columns: [
        [
          { text: shop.name, fontSize: 15, bold: true },
          ...(taxId ? [{ text: taxId }] : []),
          ...addressLines(shop.address, (code) => t(locale, 'documents.postal_code', { code })).map(
            (text) => ({
              text,
              color: GREY,
            }),
          ),
          ...(contact ? [{ text: contact, color: GREY }] : []),
        ],
        {
          width: 'auto',
          stack: [
            right(invoiceTitle(invoice.number, locale), { fontSize: 16, bold: true }),
            right(`${f.l.issued}: ${f.date(invoice.createdAt)}`),
            right(`${f.l.due}: ${f.calendar(invoice.dueDate)}`, { bold: true }),
            right(`${f.l.status}: ${status}`, invoice.overdue ? { color: RED } : {}),
          ],
        },
      ],
    },
    rule(),
  ];
}

function customerStack(
  customer: InvoicePdfCustomer | null,
  fallbackName: string,
  c: InvoicePdfContext,
): Node[] {
  const { locale } = c;
  const name = customer?.name ?? fallbackName;
  const document =
    customer?.document && customer.documentType
      ? `${customer.documentType} ${formatDocument(customer.documentType as DocumentType, customer.document)}`
      : null;
  const contact = [
    customer?.phone ? `${t(locale, 'documents.phone')}: ${formatPhone(customer.phone)}` : null,
    customer?.email ? `${t(locale, 'documents.email')}: ${customer.email}` : null,
  ].filter((v): v is string => v !== null);
  const address = customer?.address
    ? addressLines(customer.address, (code) => t(locale, 'documents.postal_code', { code }))
    : [];
  return [
    heading(t(locale, 'documents.customer')),
    { text: name, fontSize: 12, bold: true },
    ...(document ? [{ text: document }] : []),
    ...address.map((text) => ({ text, color: GREY })),
    ...(contact.length ? [{ text: contact.join('   ·   '), color: GREY }] : []),
  ];
}

/** The customer, and what the invoice is for: the order and its asset, a counter sale, a deposit. */
function parties(invoice: Invoice, c: InvoicePdfContext, f: Format): Node {
  const reference: Node[] = [
    heading(f.l.reference),
    { text: f.e.kind[invoice.kind], bold: true },
    ...(invoice.repairNumber !== null
      ? [{ text: t(c.locale, 'documents.order_number', { number: String(invoice.repairNumber) }) }]
      : []),
    ...(c.asset ? [{ text: c.asset, color: GREY }] : []),
  ];
  return {
    columnGap: 24,
    columns: [
      { width: '*', stack: customerStack(c.customer, invoice.customerName, c) },
      { width: 190, stack: reference },
    ],
  };
}

function linesAndTotals(invoice: Invoice, f: Format): Node[] {
  const rows: Node[][] = invoice.lines.map((line) => [
    line.description,
    right(f.quantity(line.quantity)),
    right(f.money(line.unitValue)),
    right(f.money(line.totalValue)),
  ]);
  const total = (label: string, value: string, extra: Record<string, unknown> = {}): Node[] => [
    { text: label, colSpan: 3, alignment: 'right', ...extra },
    '',
    '',
    right(value, extra),
  ];
  const totals: Node[][] = [
    total(f.l.subtotal, f.money(invoice.subtotal)),
    ...(invoice.discount > 0 ? [total(f.l.discount, `− ${f.money(invoice.discount)}`)] : []),
    total(f.l.total, f.money(invoice.total), { bold: true, fontSize: 10.5 }),
  ];
  return [
    heading(f.l.items),
    table(
      ['*', 45, 80, 85],
      [
        headerCell(f.l.description),
        headerCell(f.l.quantity, 'right'),
        headerCell(f.l.unitValue, 'right'),
        headerCell(f.l.total, 'right'),
      ],
      [...rows, ...totals],
    ),
  ];
}

function paymentsTable(invoice: Invoice, f: Format): Node[] {
  if (invoice.payments.length === 0) return [];
  return [
    heading(f.l.payments),
    table(
      [62, '*', 80, 150],
      [headerCell(f.l.date), headerCell(f.l.method), headerCell(f.l.amount, 'right'), headerCell(f.l.ref)],
      invoice.payments.map((p) => {
        const notes = [
          p.installments > 1 ? fill(f.l.installments, { count: p.installments }) : null,
          p.deposit ? f.l.deposit : null,
          p.refunded > 0 ? fill(f.l.refunded, { amount: f.money(p.refunded) }) : null,
        ].filter(Boolean);
        return [
          f.date(p.paidAt),
          f.e.method[p.method] + (notes.length ? ` (${notes.join(', ')})` : ''),
          right(f.money(p.amount)),
          p.reference ?? '',
        ];
      }),
    ),
  ];
}

function refundsTable(invoice: Invoice, f: Format): Node[] {
  if (invoice.refunds.length === 0) return [];
  return [
    heading(f.l.refunds),
    table(
      [70, 85, '*', 90],
      [headerCell(f.l.date), headerCell(f.l.amount, 'right'), headerCell(f.l.reason), headerCell(f.l.status)],
      invoice.refunds.map((r) => [
        f.date(r.createdAt),
        right(`− ${f.money(r.amount)}`),
        r.reason,
        f.e.refund[r.status],
      ]),
    ),
  ];
}

/** Total, paid (net of refunds) and the balance, bold; beside it, while something is due, the Pix. */
function settlement(invoice: Invoice, c: InvoicePdfContext, f: Format): Node {
  const row = (label: string, value: string, extra: Record<string, unknown> = {}) => [
    { text: label, alignment: 'right', ...extra },
    right(value, extra),
  ];
  return {
    margin: [0, 12, 0, 0],
    columnGap: 16,
    columns: [
      pixBlock(invoice, c, f) ?? { width: '*', text: '' },
      {
        // the amounts end at the right margin, like the tables above
        width: 200,
        table: {
          widths: [96, 88],
          body: [
            row(f.l.total, f.money(invoice.total)),
            row(f.l.paid, f.money(invoice.paid)),
            row(f.l.balance, f.money(invoice.balance), { bold: true, fontSize: 12 }),
          ],
        },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: () => 0,
          paddingLeft: () => 4,
          paddingRight: (i: number) => (i === 1 ? 0 : 4),
        },
      },
    ],
    unbreakable: true,
  };
}

function fiscalTable(invoice: Invoice, f: Format): Node[] {
  if (invoice.fiscalDocuments.length === 0) return [];
  return [
    heading(f.l.fiscal),
    table(
      [50, 80, 85, '*'],
      [headerCell(f.l.type), headerCell(f.l.fiscalNumber), headerCell(f.l.status), headerCell(f.l.accessKey)],
      invoice.fiscalDocuments.map((d) => [
        FISCAL_TYPE_LABELS[d.type],
        [d.number, d.series ? `(${d.series})` : null].filter(Boolean).join(' '),
        f.e.fiscal[d.status],
        { text: d.accessKey ?? '', fontSize: 8 },
      ]),
    ),
  ];
}

function termsAndNotes(invoice: Invoice, f: Format): Node[] {
  return [
    ...(invoice.paymentTerms ? [heading(f.l.terms), { text: invoice.paymentTerms }] : []),
    ...(invoice.notes ? [heading(f.l.notes), { text: invoice.notes }] : []),
  ];
}

/** While something is due: the QR code, the instruction and the copy-and-paste code. */
function pixBlock(invoice: Invoice, c: InvoicePdfContext, f: Format): Node | null {
  if (!c.pix || invoice.status === 'CANCELLED' || invoice.balance <= 0) return null;
  const { pix } = c;
  const box = {
    table: {
      widths: [104, '*'],
      body: [
        [
          { image: `data:image/png;base64,${pix.qrPng.toString('base64')}`, width: 100 },
          {
            stack: [
              { text: f.l.pixHow, bold: true },
              { text: `${f.l.amount}: ${f.money(invoice.balance)}`, margin: [0, 4, 0, 0] },
              ...(pix.expiresAt
                ? [{ text: fill(f.l.pixValid, { date: f.dateTime(pix.expiresAt) }), color: GREY }]
                : []),
              { text: f.l.pixCopy, margin: [0, 6, 0, 2], color: GREY },
              // cut by hand: pdfmake would size the column for the code as one long word
              { text: pix.payload.match(/.{1,44}/g)!.join('\n'), fontSize: 7 },
            ],
          },
        ],
      ],
    },
    layout: {
      hLineColor: () => RULE,
      vLineColor: () => RULE,
      paddingLeft: () => 6,
      paddingRight: () => 6,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };
  // a table straight in a column is laid out at its natural width: in a stack it takes the column's
  return { width: '*', stack: [box] };
}

function cancelledStamp(invoice: Invoice, f: Format): Node[] {
  if (invoice.status !== 'CANCELLED') return [];
  const when = invoice.cancelledAt ? f.date(invoice.cancelledAt) : '';
  return [
    {
      margin: [0, 0, 0, 8],
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: fill(f.l.cancelledOn, { date: when }), bold: true, color: RED, fontSize: 11 },
                ...(invoice.cancelReason
                  ? [{ text: `${f.l.reason}: ${invoice.cancelReason}`, color: RED }]
                  : []),
              ],
              margin: [6, 4, 6, 4],
            },
          ],
        ],
      },
      layout: { hLineColor: () => RED, vLineColor: () => RED },
    },
  ];
}

/** The invoice as a pdfmake definition; `renderInvoicePdf` prints it. */
export function invoicePdfDefinition(invoice: Invoice, c: InvoicePdfContext) {
  const f = formatters(c);
  const name = invoiceTitle(invoice.number, c.locale);
  const cancelled = invoice.status === 'CANCELLED';
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 46],
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    // a section heading never sits alone at the foot of a page
    pageBreakBefore: (
      node: { headlineLevel?: number },
      nodes: { getFollowingNodesOnPage: () => unknown[] },
    ) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    info: { title: name, author: c.shop.name, subject: name },
    ...(cancelled ? { watermark: { text: f.l.cancelled, color: RED, opacity: 0.12, bold: true } } : {}),
    footer: (current: number, count: number) => ({
      text: t(c.locale, 'documents.page', { shop: c.shop.name, document: name, current, count }),
      alignment: 'center',
      fontSize: 7.5,
      color: '#888888',
      margin: [40, 18, 40, 0],
    }),
    content: [
      ...header(invoice, c, f),
      ...cancelledStamp(invoice, f),
      parties(invoice, c, f),
      ...linesAndTotals(invoice, f),
      ...paymentsTable(invoice, f),
      ...refundsTable(invoice, f),
      settlement(invoice, c, f),
      ...fiscalTable(invoice, f),
      ...termsAndNotes(invoice, f),
    ],
  };
}

/** The invoice as an A4 PDF in the customer's language (pt-BR, es, en). */
export async function renderInvoicePdf(invoice: Invoice, c: InvoicePdfContext): Promise<Buffer> {
  return pdfmake.createPdf(invoicePdfDefinition(invoice, c)).getBuffer();
}
