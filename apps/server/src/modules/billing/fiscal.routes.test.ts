import { ErrorBodySchema, type FiscalDocument, FiscalDocumentSchema, InvoiceSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finish, invoiceOfRepair } from '../../../test/billing.js';
import { createCustomer } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createComponent } from '../../../test/inventory.js';
import { createRepair } from '../../../test/repairs.js';
import { type FakeFocusNfe, startFakeFocusNfe } from './fiscal/fake-focus-nfe.js';

let fake: FakeFocusNfe;
let t: TestApp;
beforeAll(async () => {
  fake = await startFakeFocusNfe();
  t = await createTestApp({
    config: {
      fiscal: {
        token: fake.token,
        environment: 'homologacao',
        baseUrl: fake.baseUrl,
        timeoutMs: 2000,
        webhookSecret: undefined,
      },
    },
  });
  await setShopDocument('11.222.333/0001-81');
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const NFSE_BODY = { municipalRegistration: '4455667', municipalityCode: '4106902', issRate: 5 };
const CANCEL_REASON = 'Serviço faturado em duplicidade';

async function setShopDocument(document: string | null) {
  const res = await t.request('PATCH', '/api/organization', { token: t.adminToken, body: { document } });
  if (res.statusCode !== 200) throw new Error(`organization update failed: ${res.statusCode} ${res.body}`);
}

let cpfSequence = 100_000_000;
/** A valid CPF not used before in this file (customer documents are unique). */
function nextCpf(): string {
  const base = String(++cpfSequence).split('').map(Number);
  const check = (digits: number[]) => {
    const sum = digits.reduce((acc, d, i) => acc + d * (digits.length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  const first = check(base);
  return [...base, first, check([...base, first])].join('');
}

/** A finished order's invoice (labor 150.00, `parts` × 300.00) for a customer with a CPF. */
async function invoiceFor(
  options: { customer?: Record<string, unknown>; parts?: number; discount?: number } = {},
) {
  const customer = await createCustomer(t, {
    name: 'Maria da Silva',
    document: nextCpf(),
    email: 'maria@example.com',
    ...options.customer,
  });
  const part = options.parts ? await createComponent(t, { name: 'Compressor', price: 300, stock: 10 }) : null;
  const repair = await createRepair(
    t,
    {
      parts: part ? [{ componentId: part.id, quantity: options.parts }] : [],
      discount: options.discount ?? 0,
    },
    { customerId: customer.id },
  );
  await finish(t, repair.id);
  return invoiceOfRepair(t, repair.id);
}

const post = (url: string, body?: unknown, token = t.adminToken) =>
  t.request('POST', url, { token, ...(body === undefined ? {} : { body }) });
const issue = (invoiceId: string, body: Record<string, unknown> = NFSE_BODY) =>
  post(`/api/invoices/${invoiceId}/nfse`, body);
const refresh = (id: string) => post(`/api/fiscal-documents/${id}/refresh`);
const documentOf = (res: { json(): unknown }): FiscalDocument => FiscalDocumentSchema.parse(res.json());
const invoice = async (id: string) =>
  InvoiceSchema.parse((await t.request('GET', `/api/invoices/${id}`, { token: t.adminToken })).json());
const lastIssueBody = () =>
  fake.requests.filter((r) => r.method === 'POST').at(-1)?.body as Record<string, unknown>;

describe('NFS-e through the provider', () => {
  it('records PROCESSING before the provider answers, and AUTHORIZED on refresh with number, code and links on the invoice', async () => {
    const inv = await invoiceFor();
    const res = await issue(inv.id);
    expect(res.statusCode).toBe(201);
    const issued = documentOf(res);
    expect(issued).toMatchObject({
      invoiceId: inv.id,
      type: 'NFSE',
      status: 'PROCESSING',
      source: 'PROVIDER',
      number: null,
    });
    expect(lastIssueBody()).toMatchObject({
      cnpj_prestador: '11222333000181',
      inscricao_municipal_prestador: '4455667',
      codigo_municipio_emissora: 4106902,
      cpf_tomador: expect.stringMatching(/^\d{11}$/),
      razao_social_tomador: 'Maria da Silva',
      email_tomador: 'maria@example.com',
      codigo_tributacao_nacional_iss: '140101',
      valor_servico: '150.00',
      tipo_retencao_iss: 1,
    });
    expect(String(lastIssueBody().descricao_servico)).toMatch(
      new RegExp(`^Aparelho: Brastemp BRM45 \\(Fatura nº ${inv.number}, OS nº \\d+\\)$`),
    );

    // the provider is still deciding: nothing is authorized until it says so
    expect(documentOf(await refresh(issued.id)).status).toBe('PROCESSING');
    const authorized = documentOf(await refresh(issued.id));
    expect(authorized).toMatchObject({ status: 'AUTHORIZED', series: '1', providerMessage: null });
    expect(authorized.number).toMatch(/^\d+$/);
    expect(authorized.accessKey).toMatch(/^4106902\d{43}$/);
    expect(authorized.pdfUrl).toBe(`${fake.baseUrl}${new URL(authorized.pdfUrl!).pathname}`);
    expect(authorized.pdfUrl).toMatch(/\.pdf$/);
    expect(authorized.xmlUrl).toMatch(/-nfse\.xml$/);

    const shown = await invoice(inv.id);
    expect(shown.fiscalDocuments).toEqual([authorized]);

    // one live NFS-e per invoice
    const again = await issue(inv.id);
    expect(again.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(again.json()).details).toMatchObject({ fiscalDocumentId: issued.id });

    const { rows } = await t.deps.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'fiscal_document' AND entity_id = $1 ORDER BY id`,
      [issued.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'fiscal_document.issue_requested',
      'fiscal_document.authorized',
    ]);
  });

  it("sends the labor less its share of the discount, withholding and the customer's address", async () => {
    const inv = await invoiceFor({
      parts: 1,
      discount: 45,
      customer: {
        addresses: [
          {
            street: 'Rua XV de Novembro',
            number: '100',
            neighborhood: 'Centro',
            city: 'Curitiba',
            state: 'PR',
            postalCode: '80020-310',
            ibgeCode: '4106902',
          },
        ],
      },
    });
    expect(inv.total).toBe(405);
    const res = await issue(inv.id, { ...NFSE_BODY, issRate: 2.5, issWithheld: true });
    expect(res.statusCode).toBe(201);
    // 150 of a 450 subtotal carries a third of the 45 discount
    expect(lastIssueBody()).toMatchObject({
      valor_servico: '135.00',
      tipo_retencao_iss: 2,
      percentual_aliquota_iss: '2.50',
      codigo_municipio_tomador: 4106902,
      cep_tomador: '80020310',
      logradouro_tomador: 'Rua XV de Novembro',
      numero_tomador: '100',
      bairro_tomador: 'Centro',
    });
  });

  it("keeps a refused document REJECTED with the provider's words, and lets a corrected one be issued", async () => {
    const inv = await invoiceFor();
    // a well-formed LC 116 item the national list does not have: refused while processing
    const issued = documentOf(await issue(inv.id, { ...NFSE_BODY, serviceCode: '14.99' }));
    expect(documentOf(await refresh(issued.id)).status).toBe('PROCESSING');
    const rejected = documentOf(await refresh(issued.id));
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.providerMessage).toMatch(/^E0310: O código de tributação nacional informado não existe/);
    expect(rejected.number).toBeNull();

    const retry = await issue(inv.id);
    expect(retry.statusCode).toBe(201);
    expect((await invoice(inv.id)).fiscalDocuments.map((d) => d.status)).toEqual(['REJECTED', 'PROCESSING']);
  });

  it('answers a refusal of the request itself with 422 and the provider message, the document REJECTED', async () => {
    // a document the national layout does not know as CPF or CNPJ
    const inv = await invoiceFor({ customer: { document: 'X-12345', documentType: 'OTHER' } });
    const res = await issue(inv.id);
    expect(res.statusCode).toBe(422);
    const body = ErrorBodySchema.parse(res.json());
    expect(body.message).toBe('O emissor fiscal recusou: CPF/CNPJ do tomador inválido');
    expect(body.details).toMatchObject({ kind: 'rejected', providerCode: 'requisicao_invalida' });
    const [document] = (await invoice(inv.id)).fiscalDocuments;
    expect(document).toMatchObject({
      id: body.details?.fiscalDocumentId,
      status: 'REJECTED',
      providerMessage: 'CPF/CNPJ do tomador inválido',
    });
  });

  it('answers 503 when the provider is down, and the document stays PROCESSING until a refresh settles it', async () => {
    const inv = await invoiceFor();
    fake.failNext('bad-gateway');
    const res = await issue(inv.id);
    expect(res.statusCode).toBe(503);
    const body = ErrorBodySchema.parse(res.json());
    expect(body.message).toMatch(/^O emissor fiscal não respondeu\. A nota fica em processamento/);
    expect(body.details).toMatchObject({ kind: 'unreachable' });
    const id = String(body.details?.fiscalDocumentId);
    expect((await invoice(inv.id)).fiscalDocuments).toEqual([
      expect.objectContaining({ id, status: 'PROCESSING' }),
    ]);
    // a second issue would risk a double document while the first is unsettled
    expect((await issue(inv.id)).statusCode).toBe(409);

    // the provider never got it; right away a late arrival is still possible
    const early = await refresh(id);
    expect(early.statusCode).toBe(503);
    expect((await invoice(inv.id)).fiscalDocuments[0]?.status).toBe('PROCESSING');

    // past twice the timeout the provider's "not found" is final: nothing was issued
    await new Promise((resolve) => setTimeout(resolve, 4100));
    const settled = documentOf(await refresh(id));
    expect(settled).toMatchObject({ status: 'REJECTED', providerMessage: 'Nota fiscal não encontrada' });
    expect((await issue(inv.id)).statusCode).toBe(201);
  });

  it('keeps the document PROCESSING when a refresh finds the provider down, and authorizes it on the next', async () => {
    const inv = await invoiceFor();
    const issued = documentOf(await issue(inv.id));
    fake.failNext('server-error');
    const down = await refresh(issued.id);
    expect(down.statusCode).toBe(503);
    expect(ErrorBodySchema.parse(down.json()).details).toMatchObject({ kind: 'unexpected' });
    expect((await invoice(inv.id)).fiscalDocuments[0]?.status).toBe('PROCESSING');
    expect(documentOf(await refresh(issued.id)).status).toBe('PROCESSING');
    expect(documentOf(await refresh(issued.id)).status).toBe('AUTHORIZED');
  });

  it('cancels an authorized NFS-e through the provider with a reason of 15+ characters', async () => {
    const inv = await invoiceFor();
    const processing = documentOf(await issue(inv.id));
    const early = await post(`/api/fiscal-documents/${processing.id}/cancel`, { reason: CANCEL_REASON });
    expect(early.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(early.json()).message).toBe(
      'Só uma nota autorizada pode ser cancelada; esta está em processamento',
    );
    await refresh(processing.id);
    const authorized = documentOf(await refresh(processing.id));

    const short = await post(`/api/fiscal-documents/${authorized.id}/cancel`, { reason: 'erro' });
    expect(short.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(short.json()).details).toHaveProperty('reason');

    fake.refuseNextCancellation('E0840', 'Prazo para cancelamento expirado');
    const refused = await post(`/api/fiscal-documents/${authorized.id}/cancel`, { reason: CANCEL_REASON });
    expect(refused.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(refused.json()).message).toBe(
      'O cancelamento foi recusado e a nota continua autorizada: E0840: Prazo para cancelamento expirado',
    );
    expect((await invoice(inv.id)).fiscalDocuments[0]?.status).toBe('AUTHORIZED');

    const res = await post(`/api/fiscal-documents/${authorized.id}/cancel`, { reason: CANCEL_REASON });
    expect(res.statusCode).toBe(200);
    expect(documentOf(res)).toMatchObject({ status: 'CANCELLED', number: authorized.number });
    const sent = fake.requests.filter((r) => r.method === 'DELETE').at(-1);
    expect(sent?.body).toEqual({ justificativa: CANCEL_REASON });
    expect(
      (await post(`/api/fiscal-documents/${authorized.id}/cancel`, { reason: CANCEL_REASON })).statusCode,
    ).toBe(409);
    // a cancelled NFS-e no longer blocks a new one
    expect((await issue(inv.id)).statusCode).toBe(201);
  });

  it('refuses what cannot be issued: no shop CNPJ, no customer document, an unknown or cancelled invoice', async () => {
    const noDocument = await invoiceFor({ customer: { document: null } });
    const taker = await issue(noDocument.id);
    expect(taker.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(taker.json()).message).toBe(
      'O cliente Maria da Silva não tem CPF ou CNPJ cadastrado: complete o cadastro para emitir a NFS-e',
    );

    const inv = await invoiceFor();
    await setShopDocument(null);
    try {
      const shop = await issue(inv.id);
      expect(shop.statusCode).toBe(422);
      expect(ErrorBodySchema.parse(shop.json()).message).toMatch(/CNPJ da oficina/);
    } finally {
      await setShopDocument('11.222.333/0001-81');
    }
    expect((await issue(crypto.randomUUID())).statusCode).toBe(404);
    expect((await refresh(crypto.randomUUID())).statusCode).toBe(404);
    expect((await invoice(inv.id)).fiscalDocuments).toEqual([]);

    expect((await post(`/api/invoices/${inv.id}/cancel`, { reason: 'Lançada por engano' })).statusCode).toBe(
      200,
    );
    const cancelled = await issue(inv.id);
    expect(cancelled.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(cancelled.json()).message).toBe(
      `A fatura nº ${inv.number} está cancelada: não recebe nota fiscal`,
    );
    const manual = await post(`/api/invoices/${inv.id}/fiscal-documents`, { type: 'NFSE', number: '9' });
    expect(manual.statusCode).toBe(422);
  });
});

describe('fiscal documents typed in by hand', () => {
  it('records one as AUTHORIZED, shows it on the invoice, and only marks it when cancelled', async () => {
    const inv = await invoiceFor();
    const res = await post(`/api/invoices/${inv.id}/fiscal-documents`, {
      type: 'NFSE',
      number: '2026/000123',
      series: 'A1',
      accessKey: '41069022211222333000181000000000012326010000000001',
      pdfUrl: 'https://nfse.curitiba.pr.gov.br/nota/123.pdf',
    });
    expect(res.statusCode).toBe(201);
    const recorded = documentOf(res);
    expect(recorded).toMatchObject({
      type: 'NFSE',
      status: 'AUTHORIZED',
      source: 'MANUAL',
      number: '2026/000123',
      series: 'A1',
      xmlUrl: null,
      providerMessage: null,
    });
    expect((await invoice(inv.id)).fiscalDocuments).toEqual([recorded]);

    const polled = await refresh(recorded.id);
    expect(polled.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(polled.json()).message).toBe(
      'Este documento foi registrado à mão: não há o que consultar no emissor',
    );

    const before = fake.requests.length;
    const cancelled = await post(`/api/fiscal-documents/${recorded.id}/cancel`, { reason: CANCEL_REASON });
    expect(cancelled.statusCode).toBe(200);
    expect(documentOf(cancelled).status).toBe('CANCELLED');
    expect(fake.requests).toHaveLength(before);
  });

  it('validates the bodies with 400 and the fields named', async () => {
    const inv = await invoiceFor();
    const manual = await post(`/api/invoices/${inv.id}/fiscal-documents`, {
      type: 'BOLETO',
      pdfUrl: 'not a url',
    });
    expect(manual.statusCode).toBe(400);
    expect(Object.keys(ErrorBodySchema.parse(manual.json()).details ?? {}).sort()).toEqual([
      'number',
      'pdfUrl',
      'type',
    ]);

    const nfse = await issue(inv.id, { municipalityCode: '41069', issRate: -1, serviceCode: '1401' });
    expect(nfse.statusCode).toBe(400);
    const details = ErrorBodySchema.parse(nfse.json()).details ?? {};
    expect(details).toMatchObject({
      municipalRegistration: 'Campo obrigatório',
      municipalityCode: 'Código IBGE deve ter 7 dígitos',
    });
    expect(Object.keys(details).sort()).toEqual([
      'issRate',
      'municipalRegistration',
      'municipalityCode',
      'serviceCode',
    ]);
    expect((await invoice(inv.id)).fiscalDocuments).toEqual([]);
  });

  it('refuses a technician with 403', async () => {
    const inv = await invoiceFor();
    const manual = documentOf(
      await post(`/api/invoices/${inv.id}/fiscal-documents`, { type: 'NFE', number: '1' }),
    );
    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const attempts = await Promise.all([
      post(`/api/invoices/${inv.id}/nfse`, NFSE_BODY, technician.token),
      post(`/api/invoices/${inv.id}/fiscal-documents`, { type: 'NFE', number: '2' }, technician.token),
      post(`/api/fiscal-documents/${manual.id}/refresh`, undefined, technician.token),
      post(`/api/fiscal-documents/${manual.id}/cancel`, { reason: CANCEL_REASON }, technician.token),
    ]);
    expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect((await invoice(inv.id)).fiscalDocuments).toHaveLength(1);
  });
});

describe('without a fiscal provider configured', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
  });
  afterAll(async () => {
    await plain.close();
  });

  it("answers 422 'fiscal not configured' to issuing and refreshing, and still records by hand", async () => {
    const customer = await createCustomer(plain, { name: 'João', document: '529.982.247-25' });
    const repair = await createRepair(plain, {}, { customerId: customer.id });
    await finish(plain, repair.id);
    const inv = await invoiceOfRepair(plain, repair.id);
    const req = (url: string, body?: unknown) =>
      plain.request('POST', url, { token: plain.adminToken, ...(body === undefined ? {} : { body }) });

    const issued = await req(`/api/invoices/${inv.id}/nfse`, NFSE_BODY);
    expect(issued.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(issued.json()).message).toBe(
      'Emissão fiscal não configurada: informe FOCUS_NFE_TOKEN ou registre a nota à mão',
    );
    const recorded = await req(`/api/invoices/${inv.id}/fiscal-documents`, { type: 'NFSE', number: '77' });
    expect(recorded.statusCode).toBe(201);
    const polled = await req(`/api/fiscal-documents/${documentOf(recorded).id}/refresh`);
    expect(polled.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(polled.json()).message).toMatch(/^Emissão fiscal não configurada/);
  });
});
