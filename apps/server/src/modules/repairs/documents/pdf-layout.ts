import {
  formatDocument,
  formatMoney,
  formatPhone,
  type Locale,
  type Repair,
  type RepairStatus,
  toCents,
} from '@bancada/shared';
import { type MessageKey, t } from '../../../platform/i18n.js';
import { addressLines, type PdfShop } from '../../../platform/pdf.js';

export type DocumentShop = PdfShop;

/** The customer as printed: the document already masked (only its last characters readable). */
export type DocumentCustomer = {
  name: string;
  phone: string | null;
  email: string | null;
  document: string | null;
};

export type DocumentEvent = {
  type: string;
  fromStatus: RepairStatus | null;
  toStatus: RepairStatus | null;
  note: string | null;
  actorName: string | null;
  at: string;
};

/** Σ of the technicians' timers (repair_time_entries), in seconds. */
export type DocumentTime = {
  totalSeconds: number;
  byTechnician: { name: string; seconds: number }[];
};

export type IntakeReceiptInput = {
  repair: Repair;
  shop: DocumentShop;
  customer: DocumentCustomer;
  photoCount: number;
};

export type ServiceReportInput = IntakeReceiptInput & {
  events: DocumentEvent[];
  time: DocumentTime;
};

export type DocumentOptions = {
  locale: Locale;
  /** the organization's time zone setting; Brazil's when absent */
  timeZone?: string;
};

export const GREY = '#555555';
export const LIGHT = '#888888';
const RULE = '#bbbbbb';
const PAGE_WIDTH = 515;
export const DAY_MS = 86_400_000;

export type Node = Record<string, unknown> | string;

export function formatters(shop: DocumentShop, { locale, timeZone = 'America/Sao_Paulo' }: DocumentOptions) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const l = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  return {
    l,
    money: (value: number) => formatMoney(toCents(value), locale, shop.currency),
    dateTime: (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | Date | null) => (iso ? date.format(new Date(iso)) : '—'),
    number: (value: number) => number.format(value),
    hours: (value: number) => l('documents.hours_value', { value: number.format(value) }),
    duration: (seconds: number) => {
      const minutes = Math.round(seconds / 60);
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
    },
    yesNo: (value: boolean) => l(value ? 'documents.yes' : 'documents.no'),
    status: (status: RepairStatus) => l(`repair_status.${status}` as MessageKey),
  };
}
export type Format = ReturnType<typeof formatters>;

export function header(shop: DocumentShop, title: string, right: Node[], f: Format): Node[] {
  const taxId = shop.document ? `${f.l('documents.tax_id')} ${formatDocument('CNPJ', shop.document)}` : '';
  return [
    {
      columnGap: 16,
      columns: [
        [
          { text: shop.name, fontSize: 15, bold: true },
          ...(taxId ? [{ text: taxId }] : []),
          ...addressLines(shop.address, (code) => f.l('documents.postal_code', { code })).map((text) => ({
            text,
            color: GREY,
          })),
        ],
        {
          width: 'auto',
          stack: [{ text: title, fontSize: 16, bold: true, alignment: 'right' }, ...right],
        },
      ],
    },
    rule(8, 10),
  ];
}

export function rule(top = 4, bottom = 8): Node {
  return {
    canvas: [{ type: 'line', x1: 0, y1: top, x2: PAGE_WIDTH, y2: top, lineWidth: 0.5, lineColor: RULE }],
    margin: [0, 0, 0, bottom],
  };
}

export function heading(text: string): Node {
  return {
    text: text.toUpperCase(),
    bold: true,
    fontSize: 8.5,
    color: GREY,
    margin: [0, 10, 0, 3],
    headlineLevel: 1,
  };
}

/** label: value pairs, two per row. */
export function facts(pairs: [string, string][]): Node {
  const cells = pairs.map(([label, value]) => ({
    text: [
      { text: `${label}: `, color: GREY },
      { text: value, bold: true },
    ],
  }));
  const rows: Node[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i]!, cells[i + 1] ?? '']);
  return {
    table: { widths: ['*', '*'], body: rows },
    layout: 'noBorders',
    margin: [0, 0, 0, 2],
  };
}

export function paragraph(text: string, f: Format): Node {
  return text.trim()
    ? { text: text.trim(), margin: [0, 0, 0, 2] }
    : { text: f.l('documents.not_informed'), italics: true, color: LIGHT };
}

export const headerCell = (text: string, alignment = 'left') => ({
  text,
  bold: true,
  fontSize: 8.5,
  fillColor: '#eeeeee',
  alignment,
});

export function table(widths: (number | string)[], head: Node[], rows: Node[][]): Node {
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 0, 0, 4],
  };
}

export function customerBlock(customer: DocumentCustomer, f: Format): Node[] {
  const details = [
    customer.phone ? `${f.l('documents.phone')}: ${formatPhone(customer.phone)}` : null,
    customer.document ? `${f.l('documents.document')}: ${customer.document}` : null,
    customer.email ? `${f.l('documents.email')}: ${customer.email}` : null,
  ].filter((v): v is string => v !== null);
  return [
    heading(f.l('documents.customer')),
    { text: customer.name, fontSize: 12, bold: true },
    ...(details.length > 0 ? [{ text: details.join('   ·   '), color: GREY }] : []),
  ];
}

export function assetBlock(repair: Repair, f: Format): Node[] {
  const readings: [string, string][] = [];
  if (repair.odometerKm !== null)
    readings.push([
      f.l('documents.odometer'),
      f.l('documents.km_value', { value: f.number(repair.odometerKm) }),
    ]);
  if (repair.hourMeter !== null) readings.push([f.l('documents.hour_meter'), f.hours(repair.hourMeter)]);
  if (repair.fuelLevel) readings.push([f.l('documents.fuel'), f.l(`documents.fuel.${repair.fuelLevel}`)]);
  const asset = repair.asset;
  // an appliance is the appliances table's business; a heading with nothing under it says nothing
  if ((!asset || asset.kind === 'appliance') && readings.length === 0) return [];
  const ids: [string, string][] = [];
  if (asset?.plate) ids.push([f.l('documents.plate'), asset.plate]);
  if (asset?.serial && asset.kind !== 'appliance') ids.push([f.l('documents.serial'), asset.serial]);
  return [
    heading(asset ? f.l(`documents.kind.${asset.kind}`) : f.l('documents.asset')),
    ...(asset && asset.kind !== 'appliance' ? [{ text: asset.label, fontSize: 11, bold: true }] : []),
    ...(ids.length + readings.length > 0 ? [facts([...ids, ...readings])] : []),
  ];
}

export function applianceName(a: Repair['appliances'][number]): string {
  return [a.brand, a.model].filter(Boolean).join(' ') || '—';
}

/** The customer's and the shop's signature lines, side by side. */
export function signatures(customerName: string, shopName: string, f: Format): Node {
  const column = (label: string, name: string) => ({
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 230, y2: 0, lineWidth: 0.7 }] },
      { text: label, fontSize: 9, margin: [0, 3, 0, 0] },
      { text: name, fontSize: 9, color: GREY },
    ],
  });
  return {
    columns: [
      column(f.l('documents.signature_customer'), customerName),
      column(f.l('documents.signature_shop'), shopName),
    ],
    columnGap: 55,
    margin: [0, 38, 0, 0],
    unbreakable: true,
  };
}

export function documentFrame(shop: DocumentShop, title: string, number: number, content: Node[], f: Format) {
  const name = `${title} ${f.l('documents.order_number', { number: String(number) })}`;
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 46],
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    // a section heading never sits alone at the foot of a page
    pageBreakBefore: (
      node: { headlineLevel?: number },
      nodes: { getFollowingNodesOnPage: () => unknown[] },
    ) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    info: { title: name, author: shop.name, subject: name },
    footer: (current: number, count: number) => ({
      text: f.l('documents.page', { shop: shop.name, document: name, current, count }),
      alignment: 'center',
      fontSize: 7.5,
      color: LIGHT,
      margin: [40, 18, 40, 0],
    }),
    content,
  };
}

/** Every string a definition prints, in order (for tests and for a plain-text fallback). */
export function definitionText(node: unknown): string[] {
  if (typeof node === 'string') return node ? [node] : [];
  if (Array.isArray(node)) return node.flatMap(definitionText);
  if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    return ['text', 'stack', 'columns', 'ul', 'table', 'body', 'content'].flatMap((key) =>
      key in n ? definitionText(n[key]) : [],
    );
  }
  return [];
}
