import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Focus NFe's NFS-e national API (`/v2/nfsen`), for tests. It speaks the
 * documented paths, Basic auth, statuses and error body (`{ codigo, mensagem, erros? }`); the exact
 * wording of its validation messages is modeled on the documented examples, not copied from Focus.
 */

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
};

/** What the next requests should suffer, in order. */
export type FakeFailure = 'server-error' | 'bad-gateway' | 'rate-limit' | 'hang';

export type FakeFocusNfe = {
  baseUrl: string;
  token: string;
  requests: RecordedRequest[];
  /** GETs that still answer "processing" before the document is decided. */
  setPollsBeforeDecision(polls: number): void;
  failNext(failure: FakeFailure, times?: number): void;
  /** The next cancellation is refused by the "national environment" with this message. */
  refuseNextCancellation(codigo: string, mensagem: string): void;
  /** Answers a wrong token as Rails' HTTP Basic does (401, plain text) instead of the JSON 403. */
  useBasicAuthChallenge(): void;
  close(): Promise<void>;
};

type Stored = {
  body: Record<string, unknown>;
  status: 'processando_autorizacao' | 'autorizado' | 'erro_autorizacao' | 'cancelado';
  polls: number;
  number?: string;
  accessKey?: string;
  errors?: Array<{ codigo: string; mensagem: string; correcao: null }>;
};

// the national codes this fake knows; any other well-formed code is refused asynchronously (E0310)
const KNOWN_NATIONAL_CODES = new Set(['140101', '140201', '140601', '010701']);
const REQUIRED_FIELDS = [
  'data_emissao',
  'codigo_municipio_emissora',
  'cnpj_prestador',
  'codigo_tributacao_nacional_iss',
  'descricao_servico',
  'valor_servico',
] as const;

export async function startFakeFocusNfe(options: { token?: string; pollsBeforeDecision?: number } = {}) {
  const token = options.token ?? 'fake-token-homologacao';
  const documents = new Map<string, Stored>();
  const requests: RecordedRequest[] = [];
  const failures: FakeFailure[] = [];
  let pollsBeforeDecision = options.pollsBeforeDecision ?? 1;
  let refusal: { codigo: string; mensagem: string } | undefined;
  let basicChallenge = false;
  let issued = 0;
  let baseUrl = '';

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = parseJson(raw);
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: body === INVALID ? raw : body,
      });
      const failure = failures.shift();
      if (failure === 'hang') return; // the socket stays open until close()
      if (failure === 'server-error') return reply(res, 500, { mensagem: 'Erro interno do servidor' });
      if (failure === 'bad-gateway') return replyText(res, 502, '<html><body>502 Bad Gateway</body></html>');
      if (failure === 'rate-limit')
        return reply(res, 429, { codigo: 'limite_requisicoes', mensagem: 'Limite excedido' });

      if (!isAuthorized(req, url, token)) {
        if (basicChallenge) return replyText(res, 401, 'HTTP Basic: Access denied.\n');
        return reply(res, 403, { codigo: 'permissao_negada', mensagem: 'Access token inválido' });
      }
      const match = /^\/v2\/nfsen(?:\/([^/]+))?$/.exec(url.pathname);
      if (!match) return reply(res, 404, { codigo: 'nao_encontrado', mensagem: 'Endpoint não encontrado' });
      const reference = match[1] ? decodeURIComponent(match[1]) : url.searchParams.get('ref');

      if (req.method === 'POST' && !match[1]) return issue(res, reference, body);
      if (req.method === 'GET' && reference) return consult(res, reference);
      if (req.method === 'DELETE' && reference) return cancel(res, reference, body);
      return reply(res, 404, { codigo: 'nao_encontrado', mensagem: 'Endpoint não encontrado' });
    });
  });

  function issue(res: ServerResponse, reference: string | null, body: unknown) {
    if (body === INVALID || !isObject(body)) {
      return reply(res, 415, { codigo: 'media_type_invalido', mensagem: 'JSON inválido' });
    }
    if (!reference)
      return reply(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Parâmetro "ref" não informado' });
    const existing = documents.get(reference);
    if (existing?.status === 'processando_autorizacao') {
      return reply(res, 422, { codigo: 'em_processamento', mensagem: 'Nota fiscal em processamento' });
    }
    if (existing && existing.status !== 'erro_autorizacao') {
      return reply(res, 422, { codigo: 'nfe_autorizada', mensagem: 'Nota fiscal já autorizada' });
    }
    const missing = REQUIRED_FIELDS.find((field) => body[field] === undefined || body[field] === '');
    if (missing) {
      return reply(res, 400, {
        codigo: 'requisicao_invalida',
        mensagem: `Parâmetro "${missing}" não informado`,
      });
    }
    const invalid = invalidField(body);
    if (invalid) return reply(res, 400, { codigo: 'requisicao_invalida', mensagem: invalid });
    documents.set(reference, { body, status: 'processando_autorizacao', polls: 0 });
    return reply(res, 201, {
      cnpj_prestador: body.cnpj_prestador,
      ref: reference,
      status: 'processando_autorizacao',
    });
  }

  function consult(res: ServerResponse, reference: string) {
    const document = documents.get(reference);
    if (!document)
      return reply(res, 404, { codigo: 'nao_encontrado', mensagem: 'Nota fiscal não encontrada' });
    if (document.status === 'processando_autorizacao') {
      document.polls += 1;
      if (document.polls > pollsBeforeDecision) {
        issued += 1;
        decide(document, issued);
      }
    }
    return reply(res, 200, view(reference, document, baseUrl));
  }

  function cancel(res: ServerResponse, reference: string, body: unknown) {
    const reason = isObject(body) && typeof body.justificativa === 'string' ? body.justificativa : '';
    if (reason.length < 15 || reason.length > 255) {
      return reply(res, 400, {
        codigo: 'requisicao_invalida',
        mensagem: 'Parâmetro "justificativa" deve ter entre 15 e 255 caracteres',
      });
    }
    const document = documents.get(reference);
    if (!document)
      return reply(res, 404, { codigo: 'nao_encontrado', mensagem: 'Nota fiscal não encontrada' });
    if (document.status === 'cancelado') {
      return reply(res, 400, { codigo: 'nfe_cancelada', mensagem: 'Nota Fiscal já cancelada' });
    }
    if (document.status !== 'autorizado') {
      return reply(res, 400, {
        codigo: 'nfe_nao_autorizada',
        mensagem: 'Nota fiscal não autorizada não pode ser cancelada',
      });
    }
    if (refusal) {
      const { codigo, mensagem } = refusal;
      refusal = undefined;
      return reply(res, 200, { status: 'erro_cancelamento', erros: [{ codigo, mensagem, correcao: null }] });
    }
    document.status = 'cancelado';
    return reply(res, 200, { status: 'cancelado' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeFocusNfe = {
    baseUrl,
    token,
    requests,
    setPollsBeforeDecision(polls) {
      pollsBeforeDecision = polls;
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    refuseNextCancellation(codigo, mensagem) {
      refusal = { codigo, mensagem };
    },
    useBasicAuthChallenge() {
      basicChallenge = true;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return fake;
}

/** The national environment's verdict: an unknown service code is refused, the rest authorized. */
function decide(document: Stored, sequence: number) {
  const code = String(document.body.codigo_tributacao_nacional_iss);
  if (!KNOWN_NATIONAL_CODES.has(code)) {
    document.status = 'erro_autorizacao';
    document.errors = [
      {
        codigo: 'E0310',
        mensagem:
          'O código de tributação nacional informado não existe conforme a lista de serviços nacional do Sistema Nacional NFS-e.',
        correcao: null,
      },
    ];
    return;
  }
  document.status = 'autorizado';
  document.number = String(sequence);
  document.accessKey = accessKey(String(document.body.codigo_municipio_emissora), sequence);
}

/** The body of GET /v2/nfsen/{ref}, shaped like the documented examples. */
function view(reference: string, document: Stored, baseUrl: string) {
  const summary = {
    cnpj_prestador: document.body.cnpj_prestador,
    ref: reference,
    numero_rps: document.number ?? '1',
    serie_rps: '1',
    tipo_rps: '1',
    status: document.status,
  };
  if (document.status === 'processando_autorizacao') return summary;
  if (document.status === 'erro_autorizacao') return { ...summary, erros: document.errors };
  const key = document.accessKey!;
  const folder = `/arquivos/${String(document.body.cnpj_prestador)}_1/202601`;
  return {
    ...summary,
    numero: document.number,
    codigo_verificacao: key,
    data_emissao: document.body.data_emissao,
    url: `https://www.nfse.gov.br/consultapublica/?tpc=1&chave=${key}`,
    caminho_xml_nota_fiscal: `${folder}/XMLsNFSe/${key}-nfse.xml`,
    url_danfse: `${baseUrl}${folder}/DANFSEs/NFSe${key}.pdf`,
    ...(document.status === 'cancelado'
      ? { caminho_xml_cancelamento: `${folder}/XMLsNFSe/NFS${key}-can.xml` }
      : {}),
  };
}

function invalidField(body: Record<string, unknown>): string | undefined {
  const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
  if (digits(body.cnpj_prestador).length !== 14) return 'Parâmetro "cnpj_prestador" inválido';
  if (!/^\d{7}$/.test(digits(body.codigo_municipio_emissora))) {
    return 'Parâmetro "codigo_municipio_emissora" inválido';
  }
  if (!/^\d{6}$/.test(String(body.codigo_tributacao_nacional_iss))) {
    return 'Parâmetro "codigo_tributacao_nacional_iss" deve ter 6 dígitos';
  }
  if (!/^\d+(\.\d{1,2})?$/.test(String(body.valor_servico))) return 'Parâmetro "valor_servico" inválido';
  if (body.cpf_tomador === undefined && body.cnpj_tomador === undefined) return undefined;
  const taker = digits(body.cpf_tomador ?? body.cnpj_tomador);
  if (taker.length !== (body.cpf_tomador === undefined ? 14 : 11)) return 'CPF/CNPJ do tomador inválido';
  return undefined;
}

function isAuthorized(req: IncomingMessage, url: URL, token: string): boolean {
  // Focus documents the token as the Basic-auth user, or as a `token` parameter
  if (url.searchParams.get('token') === token) return true;
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const [user] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return user === token;
}

function accessKey(municipality: string, sequence: number): string {
  return `${municipality.padStart(7, '0')}${String(sequence).padStart(43, '0')}`;
}

const INVALID = Symbol('invalid JSON');

function parseJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return INVALID;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function replyText(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
}
