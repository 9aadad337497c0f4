import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFocusNfe, startFakeFocusNfe } from './fake-focus-nfe.js';
import {
  type FiscalProvider,
  FiscalProviderError,
  formatHundredths,
  type ServiceInvoiceInput,
} from './fiscal-provider.js';
import {
  buildFocusNfseRequest,
  createFocusNfeProvider,
  FOCUS_NFE_BASE_URLS,
  isFocusWebhookAuthentic,
  readFocusNfseWebhook,
} from './focus-nfe.js';

let fake: FakeFocusNfe;
let focus: FiscalProvider;
let sequence = 0;

function buildInvoice(overrides: Partial<ServiceInvoiceInput> = {}): ServiceInvoiceInput {
  sequence += 1;
  return {
    reference: `os-1042-nfse-${sequence}`,
    // 13:30 in Brasília
    issuedAt: new Date('2026-03-05T16:30:00.000Z'),
    provider: {
      cnpj: '12.345.678/0001-95',
      municipalRegistration: '4455667',
      municipalityCode: '4106902',
      simplesNacional: 'me_epp',
    },
    taker: {
      document: '529.982.247-25',
      name: 'Maria da Silva',
      email: 'maria@example.com',
    },
    service: {
      description: 'Mão de obra: troca da embreagem (OS 1042)',
      amountCents: 45_050,
      issRateBps: 500,
      issWithheld: false,
    },
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<FiscalProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FiscalProviderError);
  return error as FiscalProviderError;
}

async function issueAndAuthorize(input = buildInvoice()) {
  const issued = await focus.issueServiceInvoice(input);
  expect(issued.status).toBe('PROCESSING');
  expect((await focus.getStatus(input.reference)).status).toBe('PROCESSING');
  const authorized = await focus.getStatus(input.reference);
  expect(authorized.status).toBe('AUTHORIZED');
  return authorized;
}

beforeEach(async () => {
  fake = await startFakeFocusNfe();
  focus = createFocusNfeProvider({ baseUrl: fake.baseUrl, token: fake.token, environment: 'homologacao' });
});

afterEach(async () => {
  await fake.close();
});

describe('Focus NFe NFS-e adapter: the request', () => {
  it('sends POST /v2/nfsen?ref=… with the token as the Basic-auth user and the national-layout body', async () => {
    const input = buildInvoice();
    await focus.issueServiceInvoice(input);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toEqual({
      method: 'POST',
      path: '/v2/nfsen',
      query: { ref: input.reference },
      authorization: `Basic ${Buffer.from(`${fake.token}:`).toString('base64')}`,
      contentType: 'application/json',
      body: {
        data_emissao: '2026-03-05T13:30:00-03:00',
        data_competencia: '2026-03-05',
        codigo_municipio_emissora: 4106902,
        cnpj_prestador: '12345678000195',
        inscricao_municipal_prestador: '4455667',
        codigo_opcao_simples_nacional: 3,
        regime_especial_tributacao: 0,
        cpf_tomador: '52998224725',
        razao_social_tomador: 'Maria da Silva',
        email_tomador: 'maria@example.com',
        codigo_municipio_prestacao: 4106902,
        codigo_tributacao_nacional_iss: '140101',
        descricao_servico: 'Mão de obra: troca da embreagem (OS 1042)',
        valor_servico: '450.50',
        tributacao_iss: 1,
        tipo_retencao_iss: 1,
      },
    });
  });

  it('sends a company taker with address, and the ISS rate only when the customer withholds it', () => {
    const body = buildFocusNfseRequest(
      buildInvoice({
        taker: {
          document: '07.504.505/0001-32',
          name: 'Transportes Alto da XV Ltda',
          address: {
            street: 'Rua Dias da Rocha Filho',
            number: '999',
            complement: 'Sala 34C',
            district: 'Alto da XV',
            postalCode: '80045-165',
            municipalityCode: '4106902',
          },
        },
        service: {
          description: 'Revisão do caminhão',
          amountCents: 1,
          issRateBps: 250,
          issWithheld: true,
          nationalTaxCode: '14.01.01',
        },
      }),
    );
    expect(body).toMatchObject({
      cnpj_tomador: '07504505000132',
      codigo_municipio_tomador: 4106902,
      cep_tomador: '80045165',
      logradouro_tomador: 'Rua Dias da Rocha Filho',
      numero_tomador: '999',
      complemento_tomador: 'Sala 34C',
      bairro_tomador: 'Alto da XV',
      codigo_tributacao_nacional_iss: '140101',
      valor_servico: '0.01',
      tipo_retencao_iss: 2,
      percentual_aliquota_iss: '2.50',
    });
    expect(body).not.toHaveProperty('cpf_tomador');
  });

  it.each([
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [45_050, '450.50'],
    [123_456_789, '1234567.89'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %i cents as %s without float math', (cents, decimal) => {
    expect(formatHundredths(cents)).toBe(decimal);
  });

  it.each([
    ['a fractional amount', { amountCents: 450.5 }],
    ['a zero amount', { amountCents: 0 }],
    ['a fractional ISS rate', { issRateBps: 2.5 }],
  ])('refuses %s before calling the provider', async (_, change) => {
    const input = buildInvoice();
    const error = await rejectionOf(
      focus.issueServiceInvoice({ ...input, service: { ...input.service, ...change } }),
    );
    expect(error.kind).toBe('rejected');
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a reference with characters Focus NFe does not accept', async () => {
    const error = await rejectionOf(focus.issueServiceInvoice(buildInvoice({ reference: 'OS 1042/1' })));
    expect(error.message).toMatch(/letters, digits/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a base URL of the other environment, so a test never issues a real document', () => {
    expect(() =>
      createFocusNfeProvider({
        baseUrl: FOCUS_NFE_BASE_URLS.producao,
        token: 't',
        environment: 'homologacao',
      }),
    ).toThrow(/does not match/);
    expect(createFocusNfeProvider({ token: 't', environment: 'producao' }).baseUrl).toBe(
      'https://api.focusnfe.com.br',
    );
  });
});

describe('Focus NFe NFS-e adapter: issue and status', () => {
  it('issues, answers PROCESSING, and reports AUTHORIZED with number, codes and files once the provider says so', async () => {
    const input = buildInvoice();
    const authorized = await issueAndAuthorize(input);

    const key = authorized.verificationCode!;
    expect(key).toMatch(/^\d{50}$/);
    expect(authorized).toEqual({
      reference: input.reference,
      status: 'AUTHORIZED',
      number: '1',
      series: '1',
      verificationCode: key,
      accessKey: key,
      pdfUrl: `${fake.baseUrl}/arquivos/12345678000195_1/202601/DANFSEs/NFSe${key}.pdf`,
      xmlUrl: `${fake.baseUrl}/arquivos/12345678000195_1/202601/XMLsNFSe/${key}-nfse.xml`,
      publicUrl: `https://www.nfse.gov.br/consultapublica/?tpc=1&chave=${key}`,
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v2/nfsen',
      `GET /v2/nfsen/${input.reference}`,
      `GET /v2/nfsen/${input.reference}`,
    ]);
  });

  it('keeps answering PROCESSING for as many polls as the provider takes', async () => {
    fake.setPollsBeforeDecision(3);
    const input = buildInvoice();
    await focus.issueServiceInvoice(input);
    for (let poll = 0; poll < 3; poll++)
      expect((await focus.getStatus(input.reference)).status).toBe('PROCESSING');
    expect((await focus.getStatus(input.reference)).status).toBe('AUTHORIZED');
  });

  it('maps a validation error (missing CNPJ) to a rejected error that keeps the provider message', async () => {
    const input = buildInvoice();
    const error = await rejectionOf(
      focus.issueServiceInvoice({ ...input, provider: { ...input.provider, cnpj: '' } }),
    );
    expect(error.kind).toBe('rejected');
    expect(error.httpStatus).toBe(400);
    expect(error.providerCode).toBe('requisicao_invalida');
    expect(error.providerMessages).toEqual(['Parâmetro "cnpj_prestador" não informado']);
    expect(error.message).toMatch(/nothing was issued/);
  });

  it('maps a malformed national service code to a rejected error', async () => {
    const input = buildInvoice();
    const error = await rejectionOf(
      focus.issueServiceInvoice({ ...input, service: { ...input.service, nationalTaxCode: '1401' } }),
    );
    expect(error.kind).toBe('rejected');
    expect(error.providerMessages).toEqual(['Parâmetro "codigo_tributacao_nacional_iss" deve ter 6 dígitos']);
  });

  it('reports REJECTED, with the national environment message, when a service code does not exist', async () => {
    const input = buildInvoice();
    await focus.issueServiceInvoice({ ...input, service: { ...input.service, nationalTaxCode: '999901' } });
    await focus.getStatus(input.reference);
    const decided = await focus.getStatus(input.reference);
    expect(decided).toEqual({
      reference: input.reference,
      status: 'REJECTED',
      providerMessage:
        'E0310: O código de tributação nacional informado não existe conforme a lista de serviços nacional do Sistema Nacional NFS-e.',
    });
  });

  it('answers the provider state when a reference is sent again, without a second document', async () => {
    const input = buildInvoice();
    await focus.issueServiceInvoice(input);
    expect((await focus.issueServiceInvoice(input)).status).toBe('PROCESSING');
    await focus.getStatus(input.reference);
    expect((await focus.issueServiceInvoice(input)).status).toBe('AUTHORIZED');
  });

  it('reports an unknown reference as rejected (nao_encontrado)', async () => {
    const error = await rejectionOf(focus.getStatus('never-sent'));
    expect(error.kind).toBe('rejected');
    expect(error.providerCode).toBe('nao_encontrado');
    expect(error.providerMessages).toEqual(['Nota fiscal não encontrada']);
  });
});

describe('Focus NFe NFS-e adapter: cancellation', () => {
  it('cancels an authorized NFS-e with the reason as `justificativa`', async () => {
    const input = buildInvoice();
    await issueAndAuthorize(input);

    const cancelled = await focus.cancel(input.reference, 'Serviço cobrado em duplicidade');
    expect(cancelled).toEqual({ reference: input.reference, status: 'CANCELLED' });
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/v2/nfsen/${input.reference}`,
      body: { justificativa: 'Serviço cobrado em duplicidade' },
    });
    expect((await focus.getStatus(input.reference)).status).toBe('CANCELLED');
    expect((await focus.cancel(input.reference, 'Serviço cobrado em duplicidade')).status).toBe('CANCELLED');
  });

  it('refuses to cancel an NFS-e that is not authorized, with a clear error', async () => {
    const input = buildInvoice();
    await focus.issueServiceInvoice(input);
    const error = await rejectionOf(focus.cancel(input.reference, 'Cliente desistiu do serviço'));
    expect(error.kind).toBe('rejected');
    expect(error.providerCode).toBe('nfe_nao_autorizada');
    expect(error.message).toMatch(/Only an authorized NFS-e can be cancelled/);
    expect(error.providerMessages).toEqual(['Nota fiscal não autorizada não pode ser cancelada']);
  });

  it('refuses a reason shorter than 15 characters before calling the provider', async () => {
    const error = await rejectionOf(focus.cancel('os-1', 'erro'));
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(/15 to 255 characters/);
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps the document authorized when the national environment refuses the cancellation', async () => {
    const input = buildInvoice();
    await issueAndAuthorize(input);
    fake.refuseNextCancellation('E523', 'nota fora do prazo permitido para cancelamento');

    const error = await rejectionOf(focus.cancel(input.reference, 'Serviço cobrado em duplicidade'));
    expect(error.kind).toBe('rejected');
    expect(error.providerCode).toBe('erro_cancelamento');
    expect(error.providerMessages).toEqual(['E523: nota fora do prazo permitido para cancelamento']);
    expect((await focus.getStatus(input.reference)).status).toBe('AUTHORIZED');
  });
});

describe('Focus NFe NFS-e adapter: failures', () => {
  it('reports a wrong token as an auth error', async () => {
    const wrong = createFocusNfeProvider({
      baseUrl: fake.baseUrl,
      token: 'not-the-token',
      environment: 'homologacao',
    });
    const error = await rejectionOf(wrong.issueServiceInvoice(buildInvoice()));
    expect(error.kind).toBe('auth');
    expect(error.httpStatus).toBe(403);
    expect(error.providerMessages).toEqual(['Access token inválido']);
    expect(error.message).toMatch(/token/);
  });

  it('reports a plain HTTP Basic 401 as an auth error too', async () => {
    fake.useBasicAuthChallenge();
    const wrong = createFocusNfeProvider({
      baseUrl: fake.baseUrl,
      token: 'not-the-token',
      environment: 'homologacao',
    });
    const error = await rejectionOf(wrong.getStatus('os-1'));
    expect(error.kind).toBe('auth');
    expect(error.providerMessages).toEqual(['HTTP Basic: Access denied.']);
  });

  it('reports a provider that is down as unreachable', async () => {
    const down = await startFakeFocusNfe();
    await down.close();
    const offline = createFocusNfeProvider({ baseUrl: down.baseUrl, token: 't', environment: 'homologacao' });
    const error = await rejectionOf(offline.issueServiceInvoice(buildInvoice()));
    expect(error.kind).toBe('unreachable');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/nothing was sent/);
  });

  it('gives up after the timeout and says to read the status before sending again', async () => {
    fake.failNext('hang');
    const impatient = createFocusNfeProvider({
      baseUrl: fake.baseUrl,
      token: fake.token,
      environment: 'homologacao',
      timeoutMs: 150,
    });
    const error = await rejectionOf(impatient.issueServiceInvoice(buildInvoice()));
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/read the status of the same reference/);
  });

  it('reports a 500 as unexpected and retryable, never as issued', async () => {
    fake.failNext('server-error');
    const error = await rejectionOf(focus.issueServiceInvoice(buildInvoice()));
    expect(error.kind).toBe('unexpected');
    expect(error.httpStatus).toBe(500);
    expect(error.retryable).toBe(true);
    expect(error.providerMessages).toEqual(['Erro interno do servidor']);
  });

  it('reports a 502 from a gateway as unreachable', async () => {
    fake.failNext('bad-gateway');
    const error = await rejectionOf(focus.getStatus('os-1'));
    expect(error.kind).toBe('unreachable');
    expect(error.httpStatus).toBe(502);
  });
});

describe('Focus NFe NFS-e adapter: webhooks', () => {
  it('reads a delivery like a status query, and only AUTHORIZED when the body says autorizado', () => {
    const key = '4106902'.padEnd(50, '0');
    expect(
      readFocusNfseWebhook(
        {
          cnpj_prestador: '12345678000195',
          ref: 'os-1042-nfse-1',
          status: 'autorizado',
          numero: '77',
          codigo_verificacao: key,
          caminho_xml_nota_fiscal: '/arquivos/x-nfse.xml',
        },
        FOCUS_NFE_BASE_URLS.homologacao,
      ),
    ).toEqual({
      reference: 'os-1042-nfse-1',
      status: 'AUTHORIZED',
      number: '77',
      verificationCode: key,
      accessKey: key,
      xmlUrl: 'https://homologacao.focusnfe.com.br/arquivos/x-nfse.xml',
    });
    expect(() => readFocusNfseWebhook({ ref: 'os-1', status: 'denegado' }, fake.baseUrl)).toThrow(
      /unknown status 'denegado'/,
    );
  });

  it('accepts a delivery only with the secret chosen for the hook', () => {
    expect(isFocusWebhookAuthentic('s3cret-value', 's3cret-value')).toBe(true);
    expect(isFocusWebhookAuthentic('s3cret-valuf', 's3cret-value')).toBe(false);
    expect(isFocusWebhookAuthentic(undefined, 's3cret-value')).toBe(false);
  });
});
