import {
  formatDocument,
  formatMoney,
  formatPhone,
  type Locale,
  type Repair,
  type RepairStatus,
} from '@bancada/shared';
import { type MessageKey, t } from '../../platform/i18n.js';
import { addressLines, type PdfShop, pdfmake } from '../../platform/pdf.js';

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
  /** organizations have no time zone setting yet; Brazil's is the default */
  timeZone?: string;
};

const GREY = '#555555';
const LIGHT = '#888888';
const RULE = '#bbbbbb';
const PAGE_WIDTH = 515;
const DAY_MS = 86_400_000;

type Node = Record<string, unknown> | string;

function formatters(shop: DocumentShop, { locale, timeZone = 'America/Sao_Paulo' }: DocumentOptions) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const l = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  return {
    l,
    money: (value: number) => formatMoney(Math.round(value * 100), locale, shop.currency),
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
type Format = ReturnType<typeof formatters>;

function header(shop: DocumentShop, title: string, right: Node[], f: Format): Node[] {
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

function rule(top = 4, bottom = 8): Node {
  return {
    canvas: [{ type: 'line', x1: 0, y1: top, x2: PAGE_WIDTH, y2: top, lineWidth: 0.5, lineColor: RULE }],
    margin: [0, 0, 0, bottom],
  };
}

function heading(text: string): Node {
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
function facts(pairs: [string, string][]): Node {
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

function paragraph(text: string, f: Format): Node {
  return text.trim()
    ? { text: text.trim(), margin: [0, 0, 0, 2] }
    : { text: f.l('documents.not_informed'), italics: true, color: LIGHT };
}

const headerCell = (text: string, alignment = 'left') => ({
  text,
  bold: true,
  fontSize: 8.5,
  fillColor: '#eeeeee',
  alignment,
});

function table(widths: (number | string)[], head: Node[], rows: Node[][]): Node {
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 0, 0, 4],
  };
}

function customerBlock(customer: DocumentCustomer, f: Format): Node[] {
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

function assetBlock(repair: Repair, f: Format): Node[] {
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

function applianceName(a: Repair['appliances'][number]): string {
  return [a.brand, a.model].filter(Boolean).join(' ') || '—';
}

function signatures(left: { label: string; name: string }, right: { label: string; name: string }): Node {
  const column = (s: { label: string; name: string }) => ({
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 230, y2: 0, lineWidth: 0.7 }] },
      { text: s.label, fontSize: 9, margin: [0, 3, 0, 0] },
      { text: s.name, fontSize: 9, color: GREY },
    ],
  });
  return { columns: [column(left), column(right)], columnGap: 55, margin: [0, 38, 0, 0], unbreakable: true };
}

function documentFrame(shop: DocumentShop, title: string, number: number, content: Node[], f: Format) {
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

/** The intake receipt (drop-off receipt) as a pdfmake definition; `renderIntakeReceipt` prints it. */
export function intakeReceiptDefinition(input: IntakeReceiptInput, options: DocumentOptions) {
  const { repair, shop, customer, photoCount } = input;
  const f = formatters(shop, options);
  const title = f.l('documents.intake.title');
  const right: Node[] = [
    {
      text: f.l('documents.order_number', { number: String(repair.number) }),
      fontSize: 14,
      alignment: 'right',
    },
    { text: `${f.l('documents.received_at')}: ${f.dateTime(repair.receivedAt)}`, alignment: 'right' },
    {
      text: `${f.l('documents.deadline')}: ${repair.deadline ? f.dateTime(repair.deadline) : f.l('documents.no_deadline')}`,
      alignment: 'right',
      bold: true,
    },
  ];
  const appliances = repair.appliances.length
    ? [
        heading(f.l('documents.appliances')),
        table(
          [78, 110, 44, 85, '*'],
          [
            headerCell(f.l('documents.type')),
            headerCell(f.l('documents.brand_model')),
            headerCell(f.l('documents.voltage')),
            headerCell(f.l('documents.serial')),
            headerCell(f.l('documents.customer_note')),
          ],
          repair.appliances.map((a) => [
            { text: a.type, bold: true },
            applianceName(a),
            a.voltage ?? '—',
            a.serial ?? '—',
            a.customerNote ?? '',
          ]),
        ),
      ]
    : [];
  const accessories = repair.accessories.length
    ? { ul: repair.accessories, margin: [0, 0, 0, 2] }
    : { text: f.l('documents.none'), italics: true, color: LIGHT };
  const content: Node[] = [
    ...header(shop, title, right, f),
    ...customerBlock(customer, f),
    ...assetBlock(repair, f),
    ...appliances,
    facts([
      [f.l('documents.service_type'), f.l(`documents.service_type.${repair.serviceType}`)],
      [f.l('documents.priority'), f.l(`documents.priority.${repair.priority}`)],
    ]),
    heading(f.l('documents.reported_problem')),
    paragraph(repair.serviceDescription, f),
    heading(f.l('documents.condition')),
    paragraph(repair.condition, f),
    heading(f.l('documents.accessories')),
    accessories,
    { text: f.l('documents.photos', { count: photoCount }), margin: [0, 8, 0, 0], color: GREY },
    {
      table: {
        widths: ['*'],
        body: [[{ text: f.l('documents.intake.cdc'), fontSize: 9, margin: [6, 5, 6, 5] }]],
      },
      layout: {
        hLineWidth: () => 0.7,
        vLineWidth: () => 0.7,
        hLineColor: () => '#999999',
        vLineColor: () => '#999999',
      },
      margin: [0, 14, 0, 0],
    },
    { text: f.l('documents.intake.agreement'), margin: [0, 10, 0, 0], fontSize: 9 },
    { text: f.l('documents.intake.keep'), italics: true, color: GREY, fontSize: 9 },
    signatures(
      { label: f.l('documents.signature_customer'), name: customer.name },
      { label: f.l('documents.signature_shop'), name: shop.name },
    ),
  ];
  return documentFrame(shop, title, repair.number, content, f);
}

function warrantyText(days: number, finishedAt: string | null, f: Format): string {
  if (!finishedAt) return f.l('documents.days_value', { value: days });
  const until = new Date(new Date(finishedAt).getTime() + days * DAY_MS);
  return f.l('documents.report.warranty_until', { days, date: f.date(until) });
}

function lineStyle(approval: string | null): Record<string, unknown> {
  return approval === 'declined' ? { color: LIGHT, italics: true } : {};
}

function declinedNote(approval: string | null, f: Format): Node[] {
  return approval === 'declined'
    ? [{ text: f.l('documents.report.declined'), fontSize: 7.5, color: LIGHT, italics: true }]
    : [];
}

/** The service report (seed 000 §3.2) as a pdfmake definition; `renderServiceReport` prints it. */
export function serviceReportDefinition(input: ServiceReportInput, options: DocumentOptions) {
  const { repair, shop, customer, events, time, photoCount } = input;
  const f = formatters(shop, options);
  const title = f.l('documents.report.title');
  const right: Node[] = [
    {
      text: f.l('documents.order_number', { number: String(repair.number) }),
      fontSize: 14,
      alignment: 'right',
    },
    {
      text: `${f.l('documents.report.status')}: ${f.status(repair.status)}`,
      alignment: 'right',
      bold: true,
    },
    { text: `${f.l('documents.received_at')}: ${f.dateTime(repair.receivedAt)}`, alignment: 'right' },
    ...(repair.finishedAt
      ? [
          {
            text: `${f.l('documents.report.finished_at')}: ${f.dateTime(repair.finishedAt)}`,
            alignment: 'right',
          },
        ]
      : []),
    ...(repair.deliveredAt
      ? [
          {
            text: `${f.l('documents.report.delivered_at')}: ${f.dateTime(repair.deliveredAt)}`,
            alignment: 'right',
          },
        ]
      : []),
  ];
  const warranty = (days: number) => warrantyText(days, repair.finishedAt, f);
  const num = (text: string, extra: Record<string, unknown> = {}) => ({ text, alignment: 'right', ...extra });

  const appliances = repair.appliances.length
    ? [
        heading(f.l('documents.appliances')),
        table(
          [70, '*', 80, 64, 112],
          [
            headerCell(f.l('documents.type')),
            headerCell(f.l('documents.brand_model')),
            headerCell(f.l('documents.serial')),
            headerCell(f.l('documents.report.labor'), 'right'),
            headerCell(f.l('documents.report.warranty')),
          ],
          repair.appliances.map((a) => {
            const style = lineStyle(a.approval);
            return [
              { stack: [{ text: a.type, bold: true }, ...declinedNote(a.approval, f)], ...style },
              {
                stack: [
                  applianceName(a),
                  ...(a.customerNote ? [{ text: a.customerNote, fontSize: 8, color: GREY }] : []),
                ],
                ...style,
              },
              { text: a.serial ?? '—', ...style },
              num(f.money(a.laborValue), style),
              { text: warranty(a.warrantyDays), ...style },
            ];
          }),
        ),
      ]
    : [];
  const services = repair.services.length
    ? [
        heading(f.l('documents.report.services')),
        table(
          ['*', 85, 36, 62, 112],
          [
            headerCell(f.l('documents.report.description')),
            headerCell(f.l('documents.report.technician')),
            headerCell(f.l('documents.report.hours'), 'right'),
            headerCell(f.l('documents.report.price'), 'right'),
            headerCell(f.l('documents.report.warranty')),
          ],
          repair.services.map((s) => {
            const style = lineStyle(s.approval);
            return [
              { stack: [s.description, ...declinedNote(s.approval, f)], ...style },
              { text: s.technicianName ?? '—', ...style },
              num(f.number(s.hours), style),
              num(f.money(s.price), style),
              { text: warranty(s.warrantyDays), ...style },
            ];
          }),
        ),
      ]
    : [];
  const parts = repair.parts.length
    ? [
        heading(f.l('documents.report.parts')),
        table(
          [52, '*', 40, 60, 62, 112],
          [
            headerCell(f.l('documents.report.code')),
            headerCell(f.l('documents.report.description')),
            headerCell(f.l('documents.report.quantity'), 'right'),
            headerCell(f.l('documents.report.unit_value'), 'right'),
            headerCell(f.l('documents.report.total'), 'right'),
            headerCell(f.l('documents.report.warranty')),
          ],
          repair.parts.map((p) => {
            const style = lineStyle(p.approval);
            return [
              { text: p.code, ...style },
              { stack: [p.name, ...declinedNote(p.approval, f)], ...style },
              num(`${f.number(p.quantity)} ${p.unit}`, style),
              num(f.money(p.unitValue), style),
              num(f.money(p.totalValue), style),
              { text: warranty(p.warrantyDays), ...style },
            ];
          }),
        ),
      ]
    : [];
  const totals = {
    columns: [
      { width: '*', text: '' },
      {
        width: 220,
        table: {
          widths: ['*', 90],
          body: [
            [f.l('documents.report.parts_total'), num(f.money(repair.partsTotal))],
            [f.l('documents.report.labor_total'), num(f.money(repair.laborValue))],
            [
              f.l('documents.report.discount'),
              num(repair.discount > 0 ? `− ${f.money(repair.discount)}` : f.money(0)),
            ],
            [
              { text: f.l('documents.report.grand_total'), bold: true, fontSize: 11 },
              num(f.money(repair.totalValue), { bold: true, fontSize: 11 }),
            ],
          ],
        },
        layout: {
          hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
            i === node.table.body.length - 1 ? 0.8 : 0,
          vLineWidth: () => 0,
          paddingTop: () => 2,
          paddingBottom: () => 2,
        },
      },
    ],
    margin: [0, 4, 0, 0],
    unbreakable: true,
  };

  const technicianNames = [
    ...new Set(
      [
        repair.technicianName,
        ...repair.services.map((s) => s.technicianName),
        ...time.byTechnician.map((b) => b.name),
      ].filter((n): n is string => Boolean(n)),
    ),
  ];
  const workedBy = time.byTechnician.length
    ? time.byTechnician.map((b) => `${b.name}: ${f.duration(b.seconds)}`).join('   ·   ')
    : null;
  const people: Node[] = [
    heading(`${f.l('documents.report.technicians')} · ${f.l('documents.report.time')}`),
    facts([
      [f.l('documents.report.technicians'), technicianNames.join(', ') || '—'],
      [
        f.l('documents.report.time'),
        f.l('documents.report.time_summary', {
          estimated: repair.estimatedHours > 0 ? f.hours(repair.estimatedHours) : '—',
          actual: f.duration(time.totalSeconds),
        }),
      ],
    ]),
    ...(workedBy ? [{ text: workedBy, color: GREY, fontSize: 8.5 }] : []),
  ];

  const checklist = repair.checklist.length
    ? [
        heading(f.l('documents.report.checklist')),
        table(
          ['*', 34, 150, 130],
          [
            headerCell(f.l('documents.report.item')),
            headerCell(f.l('documents.report.done')),
            headerCell(f.l('documents.report.by_when')),
            headerCell(f.l('documents.report.note')),
          ],
          repair.checklist.map((c) => [
            f.l(`checklist.${c.key}` as MessageKey),
            { text: f.yesNo(c.done), bold: c.done },
            c.doneBy ? `${c.doneBy} · ${f.dateTime(c.doneAt)}` : '—',
            c.note ?? '',
          ]),
        ),
      ]
    : [];
  const approval = [
    heading(f.l('documents.report.approval')),
    repair.approvedBy
      ? {
          text: f.l('documents.report.approved_by', {
            name: repair.approvedBy,
            date: f.dateTime(repair.approvedAt),
          }),
          bold: true,
        }
      : { text: f.l('documents.report.not_approved'), italics: true, color: LIGHT },
  ];

  // oldest first: the order's story as it happened (events come newest first; rows of one
  // transaction share a time, and the stable sort keeps them in the order they were written)
  const statusRows = [...events]
    .reverse()
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .filter((e) => e.type === 'created' || (e.type === 'status' && e.toStatus))
    .map((e) => [
      f.dateTime(e.at),
      e.type === 'created'
        ? f.l('documents.report.created')
        : `${e.fromStatus ? `${f.status(e.fromStatus)} » ` : ''}${f.status(e.toStatus!)}`,
      e.actorName ?? '—',
      e.note ?? '',
    ]);
  const history = statusRows.length
    ? [
        heading(f.l('documents.report.history')),
        table(
          [82, 160, 100, '*'],
          [
            headerCell(f.l('documents.report.when')),
            headerCell(f.l('documents.report.change')),
            headerCell(f.l('documents.report.by')),
            headerCell(f.l('documents.report.note')),
          ],
          statusRows,
        ),
      ]
    : [];

  const fiscal: [string, string][] = [
    [f.l('documents.report.nf'), repair.nf ?? '—'],
    [
      f.l('documents.report.warranty'),
      repair.warrantyUntil
        ? f.l('documents.report.warranty_order', { date: f.date(repair.warrantyUntil) })
        : '—',
    ],
    [f.l('documents.report.return_guarantee'), f.yesNo(repair.returnGuarantee)],
    [f.l('documents.report.fabric_guarantee'), f.yesNo(repair.fabricGuarantee)],
  ];
  const content: Node[] = [
    ...header(shop, title, right, f),
    ...customerBlock(customer, f),
    ...assetBlock(repair, f),
    facts([
      [f.l('documents.service_type'), f.l(`documents.service_type.${repair.serviceType}`)],
      [f.l('documents.priority'), f.l(`documents.priority.${repair.priority}`)],
      ...(repair.warrantyReturn
        ? [
            [
              f.l('documents.report.warranty_title'),
              f.l('documents.report.warranty_return', { number: String(repair.warrantyReturn.number) }),
            ] as [string, string],
          ]
        : []),
    ]),
    heading(f.l('documents.reported_problem')),
    paragraph(repair.serviceDescription, f),
    ...(repair.notes.trim()
      ? [heading(f.l('documents.report.technician_notes')), paragraph(repair.notes, f)]
      : []),
    ...appliances,
    ...services,
    ...parts,
    totals,
    ...people,
    ...checklist,
    ...approval,
    ...history,
    heading(f.l('documents.report.warranty_title')),
    facts(fiscal),
    { text: f.l('documents.report.warranty_legal'), fontSize: 8, color: GREY, margin: [0, 2, 0, 0] },
    { text: f.l('documents.photos', { count: photoCount }), fontSize: 8, color: GREY },
    { text: f.l('documents.report.received_by'), margin: [0, 14, 0, 0], fontSize: 9 },
    signatures(
      { label: f.l('documents.signature_customer'), name: customer.name },
      { label: f.l('documents.signature_shop'), name: shop.name },
    ),
  ];
  return documentFrame(shop, title, repair.number, content, f);
}

export function renderIntakeReceipt(input: IntakeReceiptInput, options: DocumentOptions): Promise<Buffer> {
  return pdfmake.createPdf(intakeReceiptDefinition(input, options)).getBuffer();
}

export function renderServiceReport(input: ServiceReportInput, options: DocumentOptions): Promise<Buffer> {
  return pdfmake.createPdf(serviceReportDefinition(input, options)).getBuffer();
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
