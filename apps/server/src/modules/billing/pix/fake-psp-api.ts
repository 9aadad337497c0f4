import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import {
  formatPixAmount,
  PIX_REFUND_ID_PATTERN,
  PIX_TXID_PATTERN,
  type PixCobStatus,
  type PixRefundStatus,
  parsePixAmount,
} from './pix-wire.js';

/** The fake provider's API Pix behaviour (fake-psp.ts serves it): state, validation, answers. Test-only. */
export type FakeRefund = {
  id: string;
  rtrId: string;
  amountCents: number;
  status: PixRefundStatus;
  requestedAt: Date;
  settledAt?: Date;
  description?: string;
};
export type FakePix = {
  endToEndId: string;
  txid: string;
  amountCents: number;
  paidAt: Date;
  payerInfo?: string;
  refunds: FakeRefund[];
};
export type FakeCob = {
  txid: string;
  revision: number;
  status: PixCobStatus;
  amountCents: number;
  expiresInSeconds: number;
  createdAt: Date;
  locationId: number;
  location: string;
  /** the request body as received */
  body: Record<string, unknown>;
  pix: FakePix[];
};
export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  hasClientCert: boolean;
};
export type CallbackDelivery = { url: string; body: string; status?: number; error?: string };
export type FakePspState = {
  cobs: Map<string, FakeCob>;
  pix: Map<string, FakePix>;
  webhooks: Map<string, string>;
  tokens: Map<string, number>;
  tokensIssued: number;
  requests: RecordedRequest[];
  callbacks: CallbackDelivery[];
};

const ERROR_BASE = 'https://pix.bcb.gov.br/api/v2/error/';
const AMOUNT = /^\d{1,10}\.\d{2}$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

type Violation = { razao: string; propriedade: string; valor?: string };

const nonZeroAmount = z
  .string()
  .regex(AMOUNT, 'deve seguir o padrão \\d{1,10}\\.\\d{2}')
  .refine((v) => parsePixAmount(v) !== 0, 'não pode ser 0.00');

const CobRequestSchema = z.object({
  calendario: z.object({ expiracao: z.number().int().positive().max(2_147_483_647).optional() }),
  devedor: z
    .object({
      cpf: z
        .string()
        .regex(/^\d{11}$/)
        .optional(),
      cnpj: z
        .string()
        .regex(/^[0-9A-Z]{14}$/)
        .optional(),
      nome: z.string().min(1).max(200),
    })
    .refine((d) => (d.cpf === undefined) !== (d.cnpj === undefined), 'informe cpf ou cnpj, não ambos')
    .optional(),
  valor: z.object({ original: nonZeroAmount, modalidadeAlteracao: z.literal([0, 1]).optional() }),
  chave: z.string().min(1).max(77),
  solicitacaoPagador: z.string().max(140).optional(),
  infoAdicionais: z
    .array(z.object({ nome: z.string().max(50), valor: z.string().max(200) }))
    .max(50)
    .optional(),
});
const RefundRequestSchema = z.object({
  valor: nonZeroAmount,
  natureza: z.enum(['ORIGINAL', 'RETIRADA']).optional(),
  descricao: z.string().max(140).optional(),
});
const WebhookRequestSchema = z.object({ webhookUrl: z.url() });

function violationsOf(error: z.ZodError, root: string): Violation[] {
  return error.issues.map((issue) => {
    const property = [root, ...issue.path.map(String)].join('.');
    return { razao: `O campo ${property} não respeita o schema: ${issue.message}`, propriedade: property };
  });
}

/** What the fake answers; the server writes it out. */
export type Reply = { status: number; body?: unknown; contentType?: string };

const reply = (status: number, body?: unknown): Reply => ({ status, body });

/** RFC 7807, as API Pix answers every error */
export function problem(
  status: number,
  type: string,
  title: string,
  detail: string,
  violacoes?: Violation[],
): Reply {
  return {
    status,
    body: { type: ERROR_BASE + type, title, status, detail, ...(violacoes ? { violacoes } : {}) },
    contentType: 'application/problem+json',
  };
}

function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/** E|D + ISPB + yyyyMMddHHmm (UTC) + 11 alphanumerics = 32 characters */
export function newSpiId(prefix: 'E' | 'D', ispb: string, at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 12);
  return `${prefix}${ispb}${stamp}${randomAlphanumeric(11)}`;
}

/** A minimal dynamic BR Code (EMV TLV with CRC16-CCITT), enough to look like the real thing. */
function brCode(location: string, amount: string): string {
  const field = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;
  const body = [
    field('00', '01'),
    field('01', '12'),
    field('26', field('00', 'br.gov.bcb.pix') + field('25', location)),
    field('52', '0000'),
    field('53', '986'),
    field('54', amount),
    field('58', 'BR'),
    field('59', 'FAKE PSP'),
    field('60', 'BRASILIA'),
    field('62', field('05', '***')),
  ].join('');
  let crc = 0xffff;
  for (const byte of Buffer.from(`${body}6304`)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = (crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1) & 0xffff;
  }
  return `${body}6304${crc.toString(16).toUpperCase().padStart(4, '0')}`;
}

function refundJson(r: FakeRefund) {
  return {
    id: r.id,
    rtrId: r.rtrId,
    valor: formatPixAmount(r.amountCents),
    natureza: 'ORIGINAL',
    ...(r.description ? { descricao: r.description } : {}),
    horario: {
      solicitacao: r.requestedAt.toISOString(),
      ...(r.settledAt ? { liquidacao: r.settledAt.toISOString() } : {}),
    },
    status: r.status,
  };
}

export function pixJson(p: FakePix, pixKey: string) {
  return {
    endToEndId: p.endToEndId,
    txid: p.txid,
    valor: formatPixAmount(p.amountCents),
    chave: pixKey,
    horario: p.paidAt.toISOString(),
    ...(p.payerInfo ? { infoPagador: p.payerInfo } : {}),
    ...(p.refunds.length ? { devolucoes: p.refunds.map(refundJson) } : {}),
  };
}

function cobJson(cob: FakeCob, pixKey: string) {
  const amount = formatPixAmount(cob.amountCents);
  const { devedor, solicitacaoPagador, infoAdicionais } = cob.body;
  return {
    calendario: { criacao: cob.createdAt.toISOString(), expiracao: cob.expiresInSeconds },
    txid: cob.txid,
    revisao: cob.revision,
    loc: { id: cob.locationId, location: cob.location, tipoCob: 'cob', criacao: cob.createdAt.toISOString() },
    location: cob.location,
    status: cob.status,
    ...(devedor ? { devedor } : {}),
    valor: { original: amount, modalidadeAlteracao: 0 },
    chave: pixKey,
    ...(solicitacaoPagador ? { solicitacaoPagador } : {}),
    ...(infoAdicionais ? { infoAdicionais } : {}),
    pixCopiaECola: brCode(cob.location, amount),
    ...(cob.pix.length ? { pix: cob.pix.map((p) => pixJson(p, pixKey)) } : {}),
  };
}
export type FakePspContext = {
  clientId: string;
  clientSecret: string;
  pixKey: string;
  tokenTtlSeconds: number;
  apiPrefix: string;
  ispb: string;
  state: FakePspState;
  /** host:port, for the payload locations */
  host: () => string;
};

function handleCob(ctx: FakePspContext, method: string, txid: string, body: unknown): Reply {
  const { state, pixKey } = ctx;
  const existing = state.cobs.get(txid);
  if (method === 'GET') {
    if (!existing) return problem(404, 'NaoEncontrado', 'Não Encontrado', `Cobrança ${txid} não encontrada.`);
    return reply(200, cobJson(existing, pixKey));
  }
  if (method !== 'PUT') return problem(405, 'MetodoNaoPermitido', 'Método não permitido', method);
  const invalid = (violacoes: Violation[]) =>
    problem(
      400,
      'CobOperacaoInvalida',
      'Cobrança inválida.',
      'A requisição que busca alterar ou criar uma cobrança para pagamento imediato não respeita o schema ou está semanticamente errada.',
      violacoes,
    );
  if (!PIX_TXID_PATTERN.test(txid)) {
    return invalid([
      { razao: 'txid deve ter de 26 a 35 letras ou dígitos.', propriedade: 'cob.txid', valor: txid },
    ]);
  }
  const parsed = CobRequestSchema.safeParse(body);
  if (!parsed.success) return invalid(violationsOf(parsed.error, 'cob'));
  const cob = parsed.data;
  if (cob.chave !== pixKey) {
    return invalid([
      { razao: 'A chave não pertence ao usuário recebedor.', propriedade: 'cob.chave', valor: cob.chave },
    ]);
  }
  const amountCents = parsePixAmount(cob.valor.original) ?? 0;
  if (existing) {
    // a retried PUT with the same amount finds the same cob; anything else reuses the txid
    if (existing.status === 'ATIVA' && existing.amountCents === amountCents) {
      return reply(201, cobJson(existing, pixKey));
    }
    return invalid([
      { razao: 'O txid já foi utilizado em outra cobrança.', propriedade: 'cob.txid', valor: txid },
    ]);
  }
  const createdAt = new Date();
  const created: FakeCob = {
    txid,
    revision: 0,
    status: 'ATIVA',
    amountCents,
    expiresInSeconds: cob.calendario.expiracao ?? 86_400,
    createdAt,
    locationId: state.cobs.size + 1,
    location: `${ctx.host()}/qr/v2/${randomBytes(16).toString('hex')}`,
    body: body as Record<string, unknown>,
    pix: [],
  };
  state.cobs.set(txid, created);
  return reply(201, cobJson(created, pixKey));
}

function handleWebhook(ctx: FakePspContext, method: string, key: string, body: unknown): Reply {
  const { state, pixKey } = ctx;
  const invalid = (detail: string, violacoes: Violation[]) =>
    problem(400, 'WebhookOperacaoInvalida', 'Webhook inválido.', detail, violacoes);
  if (key !== pixKey) {
    return invalid('A chave não pertence ao usuário recebedor.', [
      { razao: 'Chave desconhecida.', propriedade: 'chave', valor: key },
    ]);
  }
  if (method === 'GET') {
    const webhookUrl = state.webhooks.get(key);
    if (!webhookUrl)
      return problem(404, 'NaoEncontrado', 'Não Encontrado', 'Nenhum webhook para esta chave.');
    return reply(200, { webhookUrl, chave: key, criacao: new Date().toISOString() });
  }
  if (method === 'DELETE') {
    state.webhooks.delete(key);
    return reply(204);
  }
  const parsed = WebhookRequestSchema.safeParse(body);
  if (!parsed.success) {
    return invalid(
      'A requisição busca criar um webhook sem respeitar o schema.',
      violationsOf(parsed.error, 'webhook'),
    );
  }
  state.webhooks.set(key, parsed.data.webhookUrl);
  return reply(200);
}

function handleRefund(
  ctx: FakePspContext,
  method: string,
  ids: { endToEndId: string; refundId: string },
  body: unknown,
): Reply {
  const pix = ctx.state.pix.get(ids.endToEndId);
  if (!pix) return problem(404, 'NaoEncontrado', 'Não Encontrado', `Pix ${ids.endToEndId} não encontrado.`);
  const existing = pix.refunds.find((r) => r.id === ids.refundId);
  if (method === 'GET') {
    if (!existing) return problem(404, 'NaoEncontrado', 'Não Encontrado', 'Devolução não encontrada.');
    return reply(200, refundJson(existing));
  }
  const invalid = (detail: string, violacoes?: Violation[]) =>
    problem(400, 'PixDevolucaoInvalida', 'Devolução inválida.', detail, violacoes);
  if (!PIX_REFUND_ID_PATTERN.test(ids.refundId)) {
    return invalid('O id da devolução não respeita o schema.', [
      { razao: 'id deve ter de 1 a 35 letras ou dígitos.', propriedade: 'id', valor: ids.refundId },
    ]);
  }
  const parsed = RefundRequestSchema.safeParse(body);
  if (!parsed.success) {
    return invalid(
      'A requisição de devolução não respeita o schema.',
      violationsOf(parsed.error, 'devolucao'),
    );
  }
  const amountCents = parsePixAmount(parsed.data.valor) ?? 0;
  if (existing) {
    if (existing.amountCents === amountCents) return reply(201, refundJson(existing));
    return invalid('O id da devolução já foi utilizado com outro valor.');
  }
  const taken = pix.refunds
    .filter((r) => r.status !== 'NAO_REALIZADO')
    .reduce((s, r) => s + r.amountCents, 0);
  const available = pix.amountCents - taken;
  if (amountCents > available) {
    return invalid(
      `O valor da devolução (${parsed.data.valor}) excede o valor disponível para devolução (${formatPixAmount(available)}).`,
      [{ razao: 'Valor acima do disponível.', propriedade: 'devolucao.valor', valor: parsed.data.valor }],
    );
  }
  const requestedAt = new Date();
  const refund: FakeRefund = {
    id: ids.refundId,
    rtrId: newSpiId('D', ctx.ispb, requestedAt),
    amountCents,
    status: 'EM_PROCESSAMENTO',
    requestedAt,
    ...(parsed.data.descricao ? { description: parsed.data.descricao } : {}),
  };
  pix.refunds.push(refund);
  return reply(201, refundJson(refund));
}

export type FakePspRequest = { method: string; pathname: string; headers: IncomingHttpHeaders; raw: string };

function handleToken(ctx: FakePspContext, req: FakePspRequest): Reply {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const credentials = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  if (req.method !== 'POST' || credentials !== `${ctx.clientId}:${ctx.clientSecret}`) {
    return reply(401, { error: 'invalid_client', error_description: 'Credenciais do cliente inválidas.' });
  }
  const form = new URLSearchParams(req.raw);
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (!isForm || form.get('grant_type') !== 'client_credentials') {
    return reply(400, { error: 'unsupported_grant_type', error_description: 'Use client_credentials.' });
  }
  const token = randomBytes(24).toString('base64url');
  ctx.state.tokens.set(token, Date.now() + ctx.tokenTtlSeconds * 1000);
  ctx.state.tokensIssued += 1;
  return reply(200, {
    access_token: token,
    token_type: 'Bearer',
    expires_in: ctx.tokenTtlSeconds,
    scope: 'cob.write cob.read pix.write pix.read webhook.write webhook.read',
  });
}

/** One request to the fake provider, by path: /oauth/token, then the API behind a bearer token. */
export function answerFakePsp(ctx: FakePspContext, req: FakePspRequest): Reply {
  if (req.pathname === '/oauth/token') return handleToken(ctx, req);
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer || (ctx.state.tokens.get(bearer) ?? 0) < Date.now()) {
    return problem(401, 'AcessoNegado', 'Não autorizado', 'Token de acesso ausente, inválido ou expirado.');
  }
  let body: unknown;
  try {
    body = req.raw === '' ? undefined : JSON.parse(req.raw);
  } catch {
    return problem(400, 'RequisicaoInvalida', 'JSON inválido', 'O corpo da requisição não é JSON.');
  }
  const rest = req.pathname.startsWith(ctx.apiPrefix) ? req.pathname.slice(ctx.apiPrefix.length) : '';
  const cob = /^\/cob\/([^/]+)$/.exec(rest);
  if (cob?.[1]) return handleCob(ctx, req.method, decodeURIComponent(cob[1]), body);
  const webhook = /^\/webhook\/([^/]+)$/.exec(rest);
  if (webhook?.[1]) return handleWebhook(ctx, req.method, decodeURIComponent(webhook[1]), body);
  const refund = /^\/pix\/([^/]+)\/devolucao\/([^/]+)$/.exec(rest);
  if (refund?.[1] && refund[2]) {
    return handleRefund(ctx, req.method, { endToEndId: refund[1], refundId: refund[2] }, body);
  }
  return problem(404, 'NaoEncontrado', 'Não Encontrado', `${req.method} ${req.pathname} não existe.`);
}
