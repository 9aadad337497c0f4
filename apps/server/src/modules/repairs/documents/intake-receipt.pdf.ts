import { pdfmake } from '../../../platform/pdf.js';
import {
  applianceName,
  assetBlock,
  customerBlock,
  type DocumentOptions,
  documentFrame,
  facts,
  formatters,
  GREY,
  header,
  headerCell,
  heading,
  type IntakeReceiptInput,
  LIGHT,
  type Node,
  paragraph,
  signatures,
  table,
} from './pdf-layout.js';

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
    signatures(customer.name, shop.name, f),
  ];
  return documentFrame(shop, title, repair.number, content, f);
}

export function renderIntakeReceipt(input: IntakeReceiptInput, options: DocumentOptions): Promise<Buffer> {
  return pdfmake.createPdf(intakeReceiptDefinition(input, options)).getBuffer();
}
