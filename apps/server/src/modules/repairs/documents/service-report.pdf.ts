import type { Repair } from '@bancada/shared';
import type { MessageKey } from '../../../platform/i18n.js';
import { pdfmake } from '../../../platform/pdf.js';
import {
  applianceName,
  assetBlock,
  customerBlock,
  DAY_MS,
  type DocumentEvent,
  type DocumentOptions,
  type DocumentTime,
  documentFrame,
  type Format,
  facts,
  formatters,
  GREY,
  header,
  headerCell,
  heading,
  LIGHT,
  type Node,
  paragraph,
  type ServiceReportInput,
  signatures,
  table,
} from './pdf-layout.js';

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

const num = (text: string, extra: Record<string, unknown> = {}) => ({ text, alignment: 'right', ...extra });

/** Number, status and the order's dates, right of the shop's name. */
function headerRight(repair: Repair, f: Format): Node[] {
  const dated = (key: MessageKey, value: string | null) =>
    value ? [{ text: `${f.l(key)}: ${f.dateTime(value)}`, alignment: 'right' }] : [];
  return [
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
    ...dated('documents.report.finished_at', repair.finishedAt),
    ...dated('documents.report.delivered_at', repair.deliveredAt),
  ];
}

/** Appliances, labor and parts, each line with its warranty; declined lines greyed as recommendations. */
function lineTables(repair: Repair, f: Format): Node[] {
  const warranty = (days: number) => warrantyText(days, repair.finishedAt, f);
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
  return [...appliances, ...services, ...partsTable(repair, f, warranty)];
}

function partsTable(repair: Repair, f: Format, warranty: (days: number) => string): Node[] {
  if (!repair.parts.length) return [];
  return [
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
  ];
}

function totalsBlock(repair: Repair, f: Format): Node {
  return {
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
}

/** Who worked on the order and for how long, against the estimate. */
function peopleBlock(repair: Repair, time: DocumentTime, f: Format): Node[] {
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
  return [
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
}

/** The review checklist and the final approval. */
function reviewBlock(repair: Repair, f: Format): Node[] {
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
  return [
    ...checklist,
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
}

function historyBlock(events: DocumentEvent[], f: Format): Node[] {
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
  if (!statusRows.length) return [];
  return [
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
  ];
}

function fiscalFacts(repair: Repair, f: Format): [string, string][] {
  return [
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
}

/** The service report (seed 000 §3.2) as a pdfmake definition; `renderServiceReport` prints it. */
export function serviceReportDefinition(input: ServiceReportInput, options: DocumentOptions) {
  const { repair, shop, customer, events, time, photoCount } = input;
  const f = formatters(shop, options);
  const title = f.l('documents.report.title');
  const content: Node[] = [
    ...header(shop, title, headerRight(repair, f), f),
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
    ...lineTables(repair, f),
    totalsBlock(repair, f),
    ...peopleBlock(repair, time, f),
    ...reviewBlock(repair, f),
    ...historyBlock(events, f),
    heading(f.l('documents.report.warranty_title')),
    facts(fiscalFacts(repair, f)),
    { text: f.l('documents.report.warranty_legal'), fontSize: 8, color: GREY, margin: [0, 2, 0, 0] },
    { text: f.l('documents.photos', { count: photoCount }), fontSize: 8, color: GREY },
    { text: f.l('documents.report.received_by'), margin: [0, 14, 0, 0], fontSize: 9 },
    signatures(customer.name, shop.name, f),
  ];
  return documentFrame(shop, title, repair.number, content, f);
}

export function renderServiceReport(input: ServiceReportInput, options: DocumentOptions): Promise<Buffer> {
  return pdfmake.createPdf(serviceReportDefinition(input, options)).getBuffer();
}
