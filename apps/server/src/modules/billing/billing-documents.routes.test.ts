import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ErrorBodySchema, type Invoice, InvoiceSchema } from '@bancada/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finish, finishedInvoice, invoiceOfRepair, pay } from '../../../test/billing.js';
import { createCustomer, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createComponent } from '../../../test/inventory.js';
import { createRepair } from '../../../test/repairs.js';
import { type InvoicePdfContext, invoicePdfDefinition } from './invoices.pdf.js';

const exec = promisify(execFile);
// Debian's poppler-utils reads the PDFs back as text and images; without it those checks are skipped
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MARCH = 'from=2025-03-01&to=2025-03-31';

let t: TestApp;
let work: string;
/** Maria's order invoice, issued 10/03/2025: 450.00, paid 100 (20 refunded) + 50 by Pix, balance 320.00 */
let order: Invoice;
let counter: Invoice;
let cancelled: Invoice;
let staff: string;

const get = (url: string, token = t.adminToken, headers: Record<string, string> = {}) =>
  t.request('GET', url, { token, headers });
const post = async (url: string, body: unknown) => {
  const res = await t.request('POST', url, { token: t.adminToken, body });
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
const sql = (text: string, values: unknown[]) => t.deps.pool.query(text, values);
const invoice = async (id: string) => InvoiceSchema.parse((await get(`/api/invoices/${id}`)).json());

async function counterSale(customerId: string, description: string, unitValue: number, dueDate: string) {
  return InvoiceSchema.parse(
    await post('/api/invoices', { customerId, lines: [{ description, quantity: 2, unitValue }], dueDate }),
  );
}

/** Dates the tests need in the past: when it was issued, due, paid, refunded. */
async function issuedAt(invoiceId: string, at: string) {
  await sql('UPDATE invoices SET created_at = $1 WHERE id = $2', [at, invoiceId]);
}

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await exec('pdftotext', ['-enc', 'UTF-8', file, '-']);
  // one line of words: table cells wrap, and Intl puts no-break spaces in money and dates
  return stdout.replace(/[\s\u00a0\u202f]+/g, ' ');
}

async function firstPagePng(pdf: Buffer, name: string): Promise<Buffer> {
  const file = path.join(work, `${name}.pdf`);
  await writeFile(file, pdf);
  await exec('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    path.join(work, name),
  ]);
  return readFile(path.join(work, `${name}.png`));
}

const hasImage = (pdf: Buffer) => pdf.includes('/Subtype /Image');
const definitionContext = (): InvoicePdfContext => ({
  shop: { name: 'Oficina', document: null, address: {}, currency: 'BRL' },
  customer: null,
  locale: 'pt-BR',
  timeZone: 'America/Sao_Paulo',
  currency: 'BRL',
});

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'bancada-billing-documents-'));
  t = await createTestApp();
  const org = await get('/api/organization');
  const patched = await t.request('PATCH', '/api/organization', {
    token: t.adminToken,
    headers: { 'if-match': String(org.headers.etag) },
    body: {
      name: 'Refrigeração Boa Vista',
      document: '11.222.333/0001-81',
      address: {
        street: 'Rua das Flores',
        number: '120',
        city: 'Campinas',
        state: 'SP',
        postalCode: '13010000',
      },
      paymentTerms: 'Pagamento na entrega do equipamento.',
    },
  });
  expect(patched.statusCode, patched.body).toBe(200);

  const maria = await createCustomer(t, {
    name: 'Maria da Silva',
    document: '529.982.247-25',
    documentType: 'CPF',
    phone: '(19) 98888-7777',
    email: 'maria@example.test',
    addresses: [
      { street: 'Av. Brasil', number: '55', city: 'Campinas', state: 'SP', postalCode: '13020-000' },
    ],
  });
  const joao = await createCustomer(t, { name: 'João Pereira' });
  const carlos = await createCustomer(t, { name: 'Carlos Souza' });

  // invoice 1: the order (labor 150 + a compressor 300), issued 10/03/2025 12:00 in São Paulo
  const part = await createComponent(t, { name: 'Compressor', price: 300, stock: 10 });
  const repair = await createRepair(
    t,
    { parts: [{ componentId: part.id, quantity: 1 }] },
    { customerId: maria.id },
  );
  await finish(t, repair.id);
  order = await invoiceOfRepair(t, repair.id);
  await issuedAt(order.id, '2025-03-10T15:00:00Z');
  await sql('UPDATE invoices SET due_date = $1 WHERE id = $2', ['2025-03-20', order.id]);
  const cash = await pay(t, order.id, { method: 'CASH', amount: 100, paidAt: '2025-03-12T10:30:00-03:00' });
  expect(cash.statusCode, cash.body).toBe(201);
  // 31/03 23:30 in São Paulo is already April in UTC: still March for the shop
  const pix = await pay(t, order.id, {
    method: 'PIX',
    amount: 50,
    reference: 'E2E-0001',
    paidAt: '2025-03-31T23:30:00-03:00',
  });
  expect(pix.statusCode, pix.body).toBe(201);
  const cashPayment = InvoiceSchema.parse(cash.json()).payments[0]!;
  staff = cashPayment.createdByName!;
  const refund = await post(`/api/payments/${cashPayment.id}/refund`, {
    amount: 20,
    reason: 'Desconto concedido depois',
  });
  await sql('UPDATE refunds SET created_at = $1 WHERE id = $2', ['2025-03-20T14:00:00Z', refund.id]);
  await sql(
    `INSERT INTO fiscal_documents (organization_id, invoice_id, type, status, source, number, series, access_key, created_at)
     SELECT organization_id, id, 'NFSE', 'AUTHORIZED', 'MANUAL', '2025/123', '1', 'ABC123', $2 FROM invoices WHERE id = $1`,
    [order.id, '2025-03-25T12:00:00Z'],
  );

  // invoice 2: issued 01/03 00:10 in São Paulo (in); 3: 28/02 23:50 (out); 4: 01/04 00:30 (out)
  counter = await counterSale(joao.id, 'Filtro de água', 35.5, '2025-03-15');
  await issuedAt(counter.id, '2025-03-01T03:10:00Z');
  const february = await counterSale(joao.id, 'Vela de filtro', 10, '2025-03-10');
  await issuedAt(february.id, '2025-03-01T02:50:00Z');
  await pay(t, february.id, { method: 'CASH', amount: 5, paidAt: '2025-02-28T23:59:00-03:00' });
  const april = await counterSale(joao.id, 'Mangueira', 12, '2025-04-20');
  await issuedAt(april.id, '2025-04-01T03:30:00Z');
  await pay(t, april.id, { method: 'DEBIT_CARD', amount: 5, paidAt: '2025-04-01T00:10:00-03:00' });
  await sql(
    `INSERT INTO fiscal_documents (organization_id, invoice_id, type, status, source, number, created_at)
     SELECT organization_id, id, 'NFCE', 'AUTHORIZED', 'MANUAL', '99', $2 FROM invoices WHERE id = $1`,
    [april.id, '2025-04-02T12:00:00Z'],
  );

  // invoice 5: cancelled on 05/03
  cancelled = await counterSale(carlos.id, 'Peça lançada errada', 40, '2025-03-20');
  await post(`/api/invoices/${cancelled.id}/cancel`, { reason: 'Lançada em duplicidade' });
  await issuedAt(cancelled.id, '2025-03-05T12:00:00Z');
  await sql('UPDATE invoices SET cancelled_at = $1 WHERE id = $2', ['2025-03-05T13:00:00Z', cancelled.id]);
  cancelled = await invoice(cancelled.id);

  // a deposit (sinal) on an order not invoiced yet: its customer is named through the customers module
  const open = await createRepair(t, {}, { customerId: carlos.id });
  await post(`/api/repairs/${open.id}/deposits`, {
    method: 'CASH',
    amount: 30,
    paidAt: '2025-03-15T09:00:00-03:00',
  });
  order = await invoice(order.id);
});

afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

describe('GET /api/invoices/:id/pdf', () => {
  it('answers an inline PDF named after the invoice number, without a QR code while the shop has no Pix key', async () => {
    const res = await get(`/api/invoices/${order.id}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="fatura-${order.number}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(10_000);
    expect(hasImage(res.rawPayload)).toBe(false);
    if (hasPoppler) expect(await pdfText(res.rawPayload)).not.toContain('Pague com Pix');
  });

  it.skipIf(!hasPoppler)(
    'prints the shop, the customer, the order and its asset, lines, payments, refunds, balance and fiscal documents',
    async () => {
      const pdf = (await get(`/api/invoices/${order.id}/pdf`)).rawPayload;
      const text = await pdfText(pdf);
      for (const fact of [
        'Refrigeração Boa Vista',
        'CNPJ 11.222.333/0001-81',
        'Rua das Flores, 120',
        `Fatura nº ${order.number}`,
        'Emissão: 10/03/2025',
        'Vencimento: 20/03/2025',
        'Situação: Paga em parte (vencida)',
        'Maria da Silva',
        'CPF 529.982.247-25',
        'Av. Brasil, 55',
        '(19) 98888-7777',
        'maria@example.test',
        'Ordem de serviço',
        `OS nº ${order.repairNumber}`,
        'Geladeira Brastemp BRM45 · ABC123456',
        'Aparelho: Brastemp BRM45',
        'Compressor',
        'Subtotal R$ 450,00',
        'Total R$ 450,00',
        '12/03/2025 Dinheiro (estornado R$ 20,00) R$ 100,00',
        '31/03/2025 Pix R$ 50,00',
        'E2E-0001',
        'ESTORNOS',
        '20/03/2025 − R$ 20,00',
        'Desconto concedido depois Concluído',
        'Pago R$ 130,00',
        'Saldo a pagar R$ 320,00',
        'NFS-e 2025/123 (1) Autorizada ABC123',
        'CONDIÇÕES DE PAGAMENTO Pagamento na entrega do equipamento.',
      ]) {
        expect(text, fact).toContain(fact);
      }
      const png = await firstPagePng(pdf, 'invoice-pdf');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    },
  );

  it('prints the Pix QR code, the instruction and the copy-and-paste code once the shop has a key', async () => {
    const org = await get('/api/organization');
    const patched = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      headers: { 'if-match': String(org.headers.etag) },
      body: { pixKey: '(11) 98765-4321', pixKeyType: 'PHONE' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const pdf = (await get(`/api/invoices/${order.id}/pdf`)).rawPayload;
    expect(hasImage(pdf)).toBe(true);
    if (!hasPoppler) return;
    const text = await pdfText(pdf);
    expect(text).toContain('Pague com Pix: abra o app do seu banco e leia o código');
    expect(text).toContain('Valor: R$ 320,00');
    const payload = (await get(`/api/invoices/${order.id}/pix`)).json().payload as string;
    expect(text.replace(/ /g, '')).toContain(payload.replace(/ /g, ''));
    await firstPagePng(pdf, 'invoice-pdf-pix');
  });

  it.skipIf(!hasPoppler)('speaks Spanish and English with Accept-Language', async () => {
    const es = await get(`/api/invoices/${order.id}/pdf`, t.adminToken, { 'accept-language': 'es' });
    expect(es.headers['content-disposition']).toBe(`inline; filename="factura-${order.number}.pdf"`);
    const spanish = await pdfText(es.rawPayload);
    for (const fact of [
      `Factura n.º ${order.number}`,
      'Emisión: 10/03/2025',
      'Efectivo',
      'REEMBOLSOS',
      'Saldo a pagar',
      'DOCUMENTOS FISCALES',
      'Pague con Pix: abra la app de su banco y lea el código',
    ]) {
      expect(spanish, fact).toContain(fact);
    }
    const en = await get(`/api/invoices/${order.id}/pdf`, t.adminToken, { 'accept-language': 'en' });
    expect(en.headers['content-disposition']).toBe(`inline; filename="invoice-${order.number}.pdf"`);
    const english = await pdfText(en.rawPayload);
    for (const fact of [
      `Invoice #${order.number}`,
      'Issued: 03/10/2025',
      'Due: 03/20/2025',
      'Cash (refunded R$20.00) R$100.00',
      'Balance due R$320.00',
      'FISCAL DOCUMENTS',
      "Pay with Pix: open your bank's app and scan the code",
    ]) {
      expect(english, fact).toContain(fact);
    }
  });

  it('stamps a cancelled invoice with the reason and offers no Pix', async () => {
    const res = await get(`/api/invoices/${cancelled.id}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(hasImage(res.rawPayload)).toBe(false);
    if (!hasPoppler) return;
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Fatura cancelada em 05/03/2025');
    expect(text).toContain('Motivo: Lançada em duplicidade');
    expect(text).toContain('Situação: Cancelada');
    expect(text).not.toContain('Pague com Pix');
    await firstPagePng(res.rawPayload, 'invoice-pdf-cancelled');
  });

  it('marks a cancelled invoice with a CANCELADA watermark (in the page, not in its text)', () => {
    const definition = invoicePdfDefinition(cancelled, definitionContext());
    expect(definition).toMatchObject({ watermark: { text: 'CANCELADA' } });
    expect(invoicePdfDefinition(order, { ...definitionContext(), locale: 'es' })).not.toHaveProperty(
      'watermark',
    );
  });

  it('offers no Pix once the invoice is paid', async () => {
    const paid = await finishedInvoice(t);
    expect((await pay(t, paid.id, { method: 'CASH', amount: paid.total })).statusCode).toBe(201);
    const pdf = (await get(`/api/invoices/${paid.id}/pdf`)).rawPayload;
    expect(hasImage(pdf)).toBe(false);
    if (hasPoppler) expect(await pdfText(pdf)).toContain('Saldo a pagar R$ 0,00');
  });

  it("refuses a technician (403), another shop's invoice (404), a bad id (400) and no token (401)", async () => {
    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const forbidden = await get(`/api/invoices/${order.id}/pdf`, technician.token);
    expect(forbidden.statusCode).toBe(403);
    expect(ErrorBodySchema.parse(forbidden.json()).error).toBe('Forbidden');
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    expect((await get(`/api/invoices/${order.id}/pdf`, attendant.token)).statusCode).toBe(200);
    const other = await otherOrganization(t);
    expect((await get(`/api/invoices/${order.id}/pdf`, other.token)).statusCode).toBe(404);
    const bad = await get('/api/invoices/not-an-id/pdf');
    expect(bad.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(bad.json()).details?.id).toBeTruthy();
    expect((await t.request('GET', `/api/invoices/${order.id}/pdf`)).statusCode).toBe(401);
  });
});

/** The CSV's lines without the BOM. */
function csvLines(body: string): string[] {
  expect(body.startsWith('\ufeff')).toBe(true);
  return body.slice(1).trimEnd().split('\n');
}

describe('GET /api/exports/:kind (CSV)', () => {
  it("exports March's invoices by the shop's calendar, cancelled ones included, `;` and decimal comma", async () => {
    const res = await get(`/api/exports/invoices?${MARCH}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="faturas_2025-03-01_2025-03-31.csv"',
    );
    expect(csvLines(res.body)).toEqual([
      'Número;Emissão;Vencimento;Situação;Tipo;OS;Cliente;Subtotal;Desconto;Total;Pago;Saldo;Cancelada em;Motivo do cancelamento',
      `${order.number};10/03/2025;20/03/2025;Paga em parte;Ordem de serviço;${order.repairNumber};Maria da Silva;450,00;0,00;450,00;130,00;320,00;;`,
      `${counter.number};01/03/2025;15/03/2025;Em aberto;Venda no balcão;;João Pereira;71,00;0,00;71,00;0,00;71,00;;`,
      `${cancelled.number};05/03/2025;20/03/2025;Cancelada;Venda no balcão;;Carlos Souza;80,00;0,00;80,00;0,00;0,00;05/03/2025;Lançada em duplicidade`,
    ]);
  });

  it('exports payments by payment date, a deposit not invoiced yet with its customer', async () => {
    const res = await get(`/api/exports/payments?${MARCH}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(csvLines(res.body)).toEqual([
      'Data do pagamento;Forma;Valor;Estornado;Parcelas;Referência;Fatura;OS;Cliente;Sinal;Registrado por',
      `12/03/2025 10:30;Dinheiro;100,00;20,00;1;;${order.number};${order.repairNumber};Maria da Silva;;${staff}`,
      `15/03/2025 09:00;Dinheiro;30,00;0,00;1;;;;Carlos Souza;Sim;${staff}`,
      `31/03/2025 23:30;Pix;50,00;0,00;1;E2E-0001;${order.number};${order.repairNumber};Maria da Silva;;${staff}`,
    ]);
  });

  it('exports refunds and fiscal documents by the date they were recorded', async () => {
    const refunds = await get(`/api/exports/refunds?${MARCH}`);
    expect(csvLines(refunds.body)).toEqual([
      'Data;Valor;Situação;Motivo;Forma;Data do pagamento;Fatura;Cliente;Registrado por',
      `20/03/2025 11:00;20,00;Concluído;Desconto concedido depois;Dinheiro;12/03/2025 10:30;${order.number};Maria da Silva;${staff}`,
    ]);
    const fiscal = await get(`/api/exports/fiscal-documents?${MARCH}`);
    expect(fiscal.headers['content-disposition']).toBe(
      'attachment; filename="documentos-fiscais_2025-03-01_2025-03-31.csv"',
    );
    expect(csvLines(fiscal.body)).toEqual([
      'Data;Tipo;Número;Série;Situação;Chave de acesso;Fatura;Cliente;Total da fatura;PDF;XML',
      `25/03/2025 09:00;NFS-e;2025/123;1;Autorizada;ABC123;${order.number};Maria da Silva;450,00;;`,
    ]);
  });

  it('writes `,`, a decimal point and ISO dates in English, and only a header for an empty period', async () => {
    const res = await get(`/api/exports/payments?${MARCH}`, t.adminToken, { 'accept-language': 'en' });
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="payments_2025-03-01_2025-03-31.csv"',
    );
    expect(csvLines(res.body)).toEqual([
      'Payment date,Method,Amount,Refunded,Installments,Reference,Invoice,Order,Customer,Deposit,Recorded by',
      `2025-03-12 10:30,Cash,100.00,20.00,1,,${order.number},${order.repairNumber},Maria da Silva,,${staff}`,
      `2025-03-15 09:00,Cash,30.00,0.00,1,,,,Carlos Souza,Yes,${staff}`,
      `2025-03-31 23:30,Pix,50.00,0.00,1,E2E-0001,${order.number},${order.repairNumber},Maria da Silva,,${staff}`,
    ]);
    const empty = await get('/api/exports/invoices?from=2024-01-01&to=2024-01-31');
    expect(csvLines(empty.body)).toHaveLength(1);
  });

  it('keeps a customer name that looks like a formula inert, and records the export in the audit log', async () => {
    const mallory = await createCustomer(t, { name: '=HYPERLINK("http://x.test","ok")' });
    const sale = await counterSale(mallory.id, 'Peça', 1, '2025-02-10');
    await issuedAt(sale.id, '2025-02-05T12:00:00Z');
    const res = await get('/api/exports/invoices?from=2025-02-05&to=2025-02-05');
    expect(csvLines(res.body)[1]).toContain(`;"'=HYPERLINK(""http://x.test"",""ok"")";`);
    const { rows } = await sql(
      `SELECT after FROM audit_log WHERE action = 'billing.exported' ORDER BY id DESC LIMIT 1`,
      [],
    );
    expect(rows[0].after).toMatchObject({ kind: 'invoices', format: 'csv', from: '2025-02-05', rows: 1 });
  });
});

describe('GET /api/exports/:kind (XLSX)', () => {
  async function workbook(kind: string, headers: Record<string, string> = {}) {
    const res = await get(`/api/exports/${kind}?${MARCH}&format=xlsx`, t.adminToken, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { res, sheet: book.worksheets[0]! };
  }

  it('writes invoices as typed cells: numbers, money in reais, dates; a bold frozen header and widths', async () => {
    const { res, sheet } = await workbook('invoices');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="faturas_2025-03-01_2025-03-31.xlsx"',
    );
    expect(sheet.name).toBe('faturas');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(4);
    const header = sheet.getRow(1);
    expect(header.getCell(1).value).toBe('Número');
    expect(header.getCell(14).value).toBe('Motivo do cancelamento');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(7).width).toBe(32);
    const row = sheet.getRow(2);
    const cell = (c: number) => row.getCell(c);
    expect(cell(1).value).toBe(order.number);
    expect(cell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(2).value).toEqual(new Date('2025-03-10T00:00:00Z'));
    expect(cell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(cell(2).numFmt).toBe('dd/mm/yyyy');
    expect(cell(3).value).toEqual(new Date('2025-03-20T00:00:00Z'));
    expect(cell(4).value).toBe('Paga em parte');
    expect(cell(6).value).toBe(order.repairNumber);
    expect(cell(7).value).toBe('Maria da Silva');
    expect([8, 9, 10, 11, 12].map((c) => cell(c).value)).toEqual([450, 0, 450, 130, 320]);
    expect(cell(10).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(10).numFmt).toBe('"R$" #,##0.00');
    expect(cell(13).value).toBeNull();
    const last = sheet.getRow(4);
    expect(last.getCell(4).value).toBe('Cancelada');
    expect(last.getCell(12).value).toBe(0);
    expect(last.getCell(13).value).toEqual(new Date('2025-03-05T00:00:00Z'));
    expect(last.getCell(14).value).toBe('Lançada em duplicidade');
  });

  it("writes payment times as the shop's wall clock, in English with ISO formats", async () => {
    const { sheet } = await workbook('payments', { 'accept-language': 'en' });
    expect(sheet.name).toBe('payments');
    expect(sheet.getRow(1).getCell(1).value).toBe('Payment date');
    const times = [2, 3, 4].map((r) => sheet.getRow(r).getCell(1));
    expect(times.map((c) => c.value)).toEqual([
      new Date('2025-03-12T10:30:00Z'),
      new Date('2025-03-15T09:00:00Z'),
      new Date('2025-03-31T23:30:00Z'),
    ]);
    expect(times[0]!.numFmt).toBe('yyyy-mm-dd hh:mm');
    const pix = sheet.getRow(4);
    expect([2, 3, 4, 5, 6, 7].map((c) => pix.getCell(c).value)).toEqual([
      'Pix',
      50,
      0,
      1,
      'E2E-0001',
      order.number,
    ]);
    expect(pix.getCell(5).numFmt).toBe('0');
  });
});

describe('export errors and permissions', () => {
  it("answers 400 in seed 004's body for a bad kind, date, period or format", async () => {
    const cases = [
      ['/api/exports/customers?from=2025-03-01&to=2025-03-31', 'kind', undefined],
      [
        '/api/exports/invoices?from=2025-13-01&to=2025-03-31',
        'from',
        'Data inválida: use ISO 8601 ou AAAA-MM-DD',
      ],
      ['/api/exports/invoices?from=2025-03-01', 'to', 'Campo obrigatório'],
      ['/api/exports/invoices?from=2025-03-31&to=2025-03-01', 'to', 'O fim deve ser depois do início'],
      ['/api/exports/invoices?from=2025-03-01&to=2025-03-31&format=pdf', 'format', undefined],
    ] as const;
    for (const [url, field, message] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      const body = ErrorBodySchema.parse(res.json());
      expect(body.error, url).toBe('Validation Error');
      expect(body.details?.[field], url).toEqual(message ?? expect.any(String));
    }
  });

  it('refuses a technician with 403 and needs a token', async () => {
    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    for (const format of ['csv', 'xlsx']) {
      const res = await get(`/api/exports/payments?${MARCH}&format=${format}`, technician.token);
      expect(res.statusCode).toBe(403);
      expect(ErrorBodySchema.parse(res.json()).error).toBe('Forbidden');
    }
    expect((await t.request('GET', `/api/exports/payments?${MARCH}`)).statusCode).toBe(401);
  });

  it("never shows another shop's records", async () => {
    const other = await otherOrganization(t);
    const res = await get(`/api/exports/invoices?${MARCH}`, other.token);
    expect(res.statusCode).toBe(200);
    expect(csvLines(res.body)).toHaveLength(1);
  });
});
