import {
  formatDocument,
  formatMoney,
  formatPhone,
  type Locale,
  type PurchaseOrder,
  toCents,
} from '@bancada/shared';
import { addressLines, type PdfShop, pdfmake } from '../../platform/pdf.js';

export type { PdfShop };
export type PdfSupplier = {
  name: string;
  document: string | null;
  documentType: string | null;
  email: string | null;
  phone: string | null;
};

const LABELS = {
  'pt-BR': {
    title: 'Pedido de compra',
    number: 'Nº',
    date: 'Data',
    expected: 'Entrega esperada',
    supplier: 'Fornecedor',
    buyer: 'Comprador',
    code: 'Código',
    item: 'Descrição',
    unit: 'Un.',
    quantity: 'Qtd.',
    unitCost: 'Custo unit.',
    total: 'Total',
    notes: 'Observações',
    document: 'CNPJ',
    footer: 'Por favor, confirme o recebimento deste pedido e o prazo de entrega.',
  },
  es: {
    title: 'Orden de compra',
    number: 'N.º',
    date: 'Fecha',
    expected: 'Entrega esperada',
    supplier: 'Proveedor',
    buyer: 'Comprador',
    code: 'Código',
    item: 'Descripción',
    unit: 'Un.',
    quantity: 'Cant.',
    unitCost: 'Costo unit.',
    total: 'Total',
    notes: 'Observaciones',
    document: 'Id. fiscal',
    footer: 'Por favor, confirme la recepción de esta orden y el plazo de entrega.',
  },
  en: {
    title: 'Purchase order',
    number: 'No.',
    date: 'Date',
    expected: 'Expected delivery',
    supplier: 'Supplier',
    buyer: 'Buyer',
    code: 'Code',
    item: 'Description',
    unit: 'Unit',
    quantity: 'Qty',
    unitCost: 'Unit cost',
    total: 'Total',
    notes: 'Notes',
    document: 'Tax id',
    footer: 'Please confirm you received this order and the delivery date.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

function formatDate(iso: string, locale: Locale): string {
  // a date-only value is a calendar date, not an instant: read it in UTC
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).format(new Date(iso));
}

/** The supplier's copy of a purchase order, as a PDF. */
export async function renderPurchaseOrderPdf(
  order: PurchaseOrder,
  shop: PdfShop,
  supplier: PdfSupplier,
  locale: Locale,
): Promise<Buffer> {
  const l = LABELS[locale];
  const money = (value: number) => formatMoney(toCents(value), locale, shop.currency);
  const quantity = (value: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
  const shopDocument = shop.document ? `${l.document} ${formatDocument('CNPJ', shop.document)}` : '';
  const supplierDocument =
    supplier.document && supplier.documentType
      ? `${supplier.documentType} ${formatDocument(supplier.documentType as 'CNPJ', supplier.document)}`
      : '';
  const header = { bold: true, fillColor: '#eeeeee' };
  const body = [
    [
      { text: l.code, ...header },
      { text: l.item, ...header },
      { text: l.unit, ...header },
      { text: l.quantity, ...header, alignment: 'right' },
      { text: l.unitCost, ...header, alignment: 'right' },
      { text: l.total, ...header, alignment: 'right' },
    ],
    ...order.lines.map((line) => [
      line.code,
      line.componentName,
      line.unit,
      { text: quantity(line.quantity), alignment: 'right' },
      { text: money(line.unitCost), alignment: 'right' },
      { text: money(line.total), alignment: 'right' },
    ]),
    [
      { text: l.total, bold: true, colSpan: 5, alignment: 'right' },
      '',
      '',
      '',
      '',
      { text: money(order.total), bold: true, alignment: 'right' },
    ],
  ];
  const definition = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    info: { title: `${l.title} ${order.number}`, author: shop.name },
    footer: (current: number, count: number) => ({
      text: `${shop.name} · ${l.title} ${l.number} ${order.number} · ${current}/${count}`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
      margin: [0, 20, 0, 0],
    }),
    content: [
      {
        columnGap: 16,
        columns: [
          [
            { text: shop.name, fontSize: 15, bold: true },
            ...(shopDocument ? [{ text: shopDocument }] : []),
            ...addressLines(shop.address, (code) => `CEP ${code}`).map((text) => ({
              text,
              color: '#444444',
            })),
          ],
          {
            width: 'auto',
            stack: [
              { text: l.title, fontSize: 16, bold: true, alignment: 'right' },
              { text: `${l.number} ${order.number}`, fontSize: 14, alignment: 'right' },
              {
                text: `${l.date}: ${formatDate(order.sentAt ?? order.createdAt, locale)}`,
                alignment: 'right',
              },
              ...(order.expectedAt
                ? [
                    {
                      text: `${l.expected}: ${formatDate(order.expectedAt, locale)}`,
                      alignment: 'right',
                      bold: true,
                    },
                  ]
                : []),
            ],
          },
        ],
      },
      { canvas: [{ type: 'line', x1: 0, y1: 8, x2: 515, y2: 8, lineWidth: 0.5 }], margin: [0, 0, 0, 12] },
      { text: l.supplier, bold: true, color: '#666666', fontSize: 9 },
      { text: supplier.name, fontSize: 12, bold: true },
      ...(supplierDocument ? [{ text: supplierDocument }] : []),
      {
        text: [supplier.email, supplier.phone ? formatPhone(supplier.phone) : null]
          .filter(Boolean)
          .join(' · '),
        margin: [0, 0, 0, 14],
      },
      {
        table: { headerRows: 1, widths: [70, '*', 30, 45, 70, 75], body },
        layout: 'lightHorizontalLines',
      },
      ...(order.notes ? [{ text: l.notes, bold: true, margin: [0, 14, 0, 2] }, { text: order.notes }] : []),
      { text: l.footer, margin: [0, 20, 0, 0], italics: true, color: '#444444' },
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}
