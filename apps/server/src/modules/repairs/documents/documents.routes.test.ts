import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ErrorBodySchema, HistorySchema, type Repair } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createComponent } from '../../../../test/inventory.js';
import { completeChecklist, createRepair, moveRepair } from '../../../../test/repairs.js';
import { SERVER_ROOT } from '../../../paths.js';

const exec = promisify(execFile);
// Debian's poppler-utils reads the PDFs back as text and images; without it those checks are skipped
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const SCREENSHOTS = path.resolve(SERVER_ROOT, '../../docs/screenshots');

let t: TestApp;
let work: string;
let customerId: string;
let open: Repair;
let finished: Repair;

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await exec('pdftotext', ['-enc', 'UTF-8', file, '-']);
  // one line of words: table cells wrap, and Intl puts no-break spaces in money and dates
  return stdout.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Page 1 as a PNG; written to docs/screenshots when UPDATE_SCREENSHOTS=1. */
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
  const png = await readFile(path.join(work, `${name}.png`));
  if (process.env.UPDATE_SCREENSHOTS === '1') await writeFile(path.join(SCREENSHOTS, `${name}.png`), png);
  return png;
}

function get(url: string, token = t.adminToken, headers: Record<string, string> = {}) {
  return t.request('GET', url, { token, headers });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'bancada-documents-'));
  t = await createTestApp({ config: { dataDir: work } });
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
    },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  await createComponent(t, { id: 'comp-001', name: 'Termostato', code: 'TERM-001', price: 85.5, stock: 15 });
  await createComponent(t, {
    id: 'comp-045',
    name: 'Relé de partida',
    code: 'RELE-045',
    price: 45,
    stock: 15,
  });
  customerId = (
    await createCustomer(t, {
      name: 'Maria da Silva',
      document: '529.982.247-25',
      documentType: 'CPF',
      phone: '(19) 98888-7777',
    })
  ).id;
  const parts = [
    { componentId: 'comp-001', quantity: 1 },
    { componentId: 'comp-045', quantity: 2 },
  ];
  open = await createRepair(
    t,
    { parts, discount: 25.5, condition: 'Porta com arranhão lateral', accessories: ['Cabo de força'] },
    { customerId },
  );
  finished = await createRepair(t, { parts, discount: 25.5 }, { customerId });

  // two and a half hours on the clock of a technician, then review, checklist and the manager's approval
  const technician = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'João Técnico' });
  await moveRepair(t, finished.id, ['EM_ANDAMENTO']);
  const started = await t.request('POST', `/api/repairs/${finished.id}/timers/start`, {
    token: technician.token,
    body: {},
  });
  expect(started.statusCode, started.body).toBeLessThan(300);
  await t.deps.pool.query(
    `UPDATE repair_time_entries SET started_at = now() - interval '2 hours 30 minutes' WHERE repair_id = $1`,
    [finished.id],
  );
  const stopped = await t.request('POST', `/api/repairs/${finished.id}/timers/stop`, {
    token: technician.token,
    body: {},
  });
  expect(stopped.statusCode, stopped.body).toBeLessThan(300);
  await moveRepair(t, finished.id, ['EM_REVISAO']);
  await completeChecklist(t, finished.id);
  finished = (await moveRepair(t, finished.id, ['FINALIZADO']))!;
});
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

describe('GET /api/repairs/:id/documents/intake.pdf', () => {
  it('answers a PDF named after the order number', async () => {
    const res = await get(`/api/repairs/${open.id}/documents/intake.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="entrada-os-${open.number}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(!hasPoppler)('prints the facts of the drop-off, with the document masked', async () => {
    const pdf = (await get(`/api/repairs/${open.id}/documents/intake.pdf`)).rawPayload;
    const text = await pdfText(pdf);
    for (const fact of [
      'Refrigeração Boa Vista',
      'CNPJ 11.222.333/0001-81',
      'Comprovante de entrada',
      `OS nº ${open.number}`,
      'Recebido em: 13/11/2025, 07:00',
      'Prazo estimado: 20/11/2025, 15:00',
      'Maria da Silva',
      '(19) 98888-7777',
      '***.***.247-25',
      'CEP 13010-000',
      'Geladeira',
      'Brastemp BRM45',
      'ABC123456',
      'Não está gelando a parte de baixo',
      'Porta com arranhão lateral',
      'Cabo de força',
      'Fotos registradas: 0',
      'Nenhum serviço será executado sem orçamento prévio',
      'Assinatura do cliente',
      'Assinatura da oficina',
    ]) {
      expect(text, fact).toContain(fact);
    }
    expect(text).not.toContain('529.982.247-25');
    const png = await firstPagePng(pdf, 'repair-intake-pdf');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it.skipIf(!hasPoppler)('follows Accept-Language', async () => {
    const res = await get(`/api/repairs/${open.id}/documents/intake.pdf`, t.adminToken, {
      'accept-language': 'es',
    });
    expect(res.headers['content-disposition']).toBe(`inline; filename="ingreso-os-${open.number}.pdf"`);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Comprobante de ingreso');
    expect(text).toContain('Firma del cliente');
  });

  it("answers 404 for another organization's order and 401 without a token", async () => {
    const other = await otherOrganization(t);
    const res = await get(`/api/repairs/${open.id}/documents/intake.pdf`, other.token);
    expect(res.statusCode).toBe(404);
    expect(ErrorBodySchema.parse(res.json()).error).toBe('Not Found');
    expect((await t.request('GET', `/api/repairs/${open.id}/documents/intake.pdf`)).statusCode).toBe(401);
  });
});

describe('GET /api/repairs/:id/documents/report.pdf', () => {
  it('refuses an order that is not finished with 409 and says why', async () => {
    const res = await get(`/api/repairs/${open.id}/documents/report.pdf`);
    expect(res.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(res.json())).toMatchObject({
      error: 'Conflict',
      message:
        'O relatório de serviço só é emitido para uma OS finalizada ou entregue (situação atual: Não iniciado)',
    });
  });

  it('answers the report of a finished order', async () => {
    const res = await get(`/api/repairs/${finished.id}/documents/report.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="relatorio-os-${finished.number}.pdf"`);
  });

  it.skipIf(!hasPoppler)(
    'prints the lines, totals, time, checklist, approval, status history and warranty',
    async () => {
      const pdf = (await get(`/api/repairs/${finished.id}/documents/report.pdf`)).rawPayload;
      const text = await pdfText(pdf);
      for (const fact of [
        'Relatório de serviço',
        `OS nº ${finished.number}`,
        'Situação: Finalizado',
        'Termostato',
        'TERM-001',
        'Relé de partida',
        'R$ 85,50',
        'R$ 90,00',
        'R$ 175,50',
        'R$ 150,00',
        '− R$ 25,50',
        'R$ 300,00',
        'João Técnico',
        '2 h 30 min',
        'Todo o serviço foi feito',
        'Aprovado por',
        'Não iniciado » Em andamento',
        'Em revisão » Finalizado',
        'NF-12345',
        'Garantia da OS até',
        'Garantia de retorno: Sim',
        'Garantia de fábrica: Não',
        '90 dias, até',
      ]) {
        expect(text, fact).toContain(fact);
      }
      const png = await firstPagePng(pdf, 'repair-report-pdf');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    },
  );
});

describe('history links', () => {
  it("links the intake receipt of every order, and the report of finished ones, in the customer's and the asset's history", async () => {
    const history = HistorySchema.parse((await get(`/api/customers/${customerId}/history`)).json());
    const byId = new Map(history.items.filter((i) => i.repair).map((i) => [i.repair!.id, i.repair!]));
    expect(byId.get(open.id)?.documents).toEqual({
      intake: `/api/repairs/${open.id}/documents/intake.pdf`,
      report: null,
    });
    expect(byId.get(finished.id)?.documents).toEqual({
      intake: `/api/repairs/${finished.id}/documents/intake.pdf`,
      report: `/api/repairs/${finished.id}/documents/report.pdf`,
    });
    const assetId = finished.assetId ?? finished.appliances[0]?.assetId;
    expect(assetId).toBeTruthy();
    const assetHistory = HistorySchema.parse((await get(`/api/assets/${assetId}/history`)).json());
    const entry = assetHistory.items.find((i) => i.repair?.id === finished.id);
    expect(entry?.repair?.documents?.report).toBe(`/api/repairs/${finished.id}/documents/report.pdf`);
  });
});
