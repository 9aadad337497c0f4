import { isSameSecret } from '../../../platform/crypto.js';
import {
  DEFAULT_SERVICE_CODE,
  type FiscalDocumentResult,
  type FiscalProvider,
  FiscalProviderError,
  formatHundredths,
  onlyDigits,
  type ServiceInvoiceInput,
  type SimplesNacionalOption,
} from './fiscal-provider.js';

/**
 * Focus NFe, NFS-e in the national layout (`/v2/nfsen`), per https://focusnfe.com.br/doc/#nfse-nacional.
 * Decision 0009 lists what was checked against that page and what is assumed.
 */

export const FOCUS_NFE_ENVIRONMENTS = ['homologacao', 'producao'] as const;
export type FocusNfeEnvironment = (typeof FOCUS_NFE_ENVIRONMENTS)[number];

export const FOCUS_NFE_BASE_URLS: Record<FocusNfeEnvironment, string> = {
  homologacao: 'https://homologacao.focusnfe.com.br',
  producao: 'https://api.focusnfe.com.br',
};

export type FocusNfeConfig = {
  /** Defaults to Focus NFe's host for `environment`; tests point it at the fake. */
  baseUrl?: string;
  /** The company's token for this environment (homologação and produção tokens differ). */
  token: string;
  environment: FocusNfeEnvironment;
  timeoutMs?: number;
};

export const DEFAULT_TIMEOUT_MS = 20_000;
const NFSEN_PATH = '/v2/nfsen';
// The cancellation is synchronous with the national environment; Focus documents these bounds.
const REASON_MIN = 15;
const REASON_MAX = 255;
const REFERENCE_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
// Assumed name: Focus's public page shows no ISS-rate field for /v2/nfsen (see decision 0009).
export const FOCUS_ISS_RATE_FIELD = 'percentual_aliquota_iss';

const SIMPLES_NACIONAL_CODES: Record<SimplesNacionalOption, number> = { not_opted: 1, mei: 2, me_epp: 3 };
// tpRetISSQN in the national layout
const ISS_NOT_WITHHELD = 1;
const ISS_WITHHELD_BY_TAKER = 2;
// tribISSQN: taxable operation
const ISS_TAXABLE = 1;
const NO_SPECIAL_REGIME = 0;

type FocusBody = Record<string, unknown>;
type FocusResponse = { httpStatus: number; body: FocusBody | undefined; text: string };

export function createFocusNfeProvider(config: FocusNfeConfig): FiscalProvider & { baseUrl: string } {
  const baseUrl = resolveBaseUrl(config);
  if (!config.token) {
    throw new Error('Focus NFe: no token configured. Set the company token of this environment.');
  }
  const authorization = `Basic ${Buffer.from(`${config.token}:`).toString('base64')}`;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    return sendToFocus({ baseUrl, authorization, timeoutMs, method, path, body });
  }

  async function getStatus(reference: string): Promise<FiscalDocumentResult> {
    assertReference(reference);
    const response = await send('GET', `${NFSEN_PATH}/${encodeURIComponent(reference)}`);
    if (isSuccess(response)) return readFocusNfseDocument(reference, response.body, baseUrl);
    throw toFiscalError(response, `reading the status of NFS-e '${reference}'`);
  }

  return {
    baseUrl,
    getStatus,

    async issueServiceInvoice(input) {
      const request = buildFocusNfseRequest(input);
      const response = await send(
        'POST',
        `${NFSEN_PATH}?ref=${encodeURIComponent(input.reference)}`,
        request,
      );
      if (isSuccess(response)) return readFocusNfseDocument(input.reference, response.body, baseUrl);
      // The reference was already sent: the provider keeps one document per reference, so its
      // current state is the answer (and sending it again would not issue a second document).
      const code = providerCode(response);
      if (response.httpStatus === 422 && (code === 'em_processamento' || code === 'nfe_autorizada')) {
        return getStatus(input.reference);
      }
      throw toFiscalError(response, `issuing NFS-e '${input.reference}'`);
    },

    async cancel(reference, reason) {
      assertReference(reference);
      const justificativa = reason.trim();
      if (justificativa.length < REASON_MIN || justificativa.length > REASON_MAX) {
        throw new FiscalProviderError(
          'rejected',
          `The cancellation reason must have ${REASON_MIN} to ${REASON_MAX} characters (it has ${justificativa.length}); write why the NFS-e is being cancelled.`,
        );
      }
      const response = await send('DELETE', `${NFSEN_PATH}/${encodeURIComponent(reference)}`, {
        justificativa,
      });
      const code = providerCode(response);
      if (isSuccess(response) && response.body?.status === 'cancelado') {
        return {
          reference,
          status: 'CANCELLED',
          ...optional('providerMessage', text(response.body.mensagem)),
        };
      }
      if (isSuccess(response) && response.body?.status === 'erro_cancelamento') {
        throw new FiscalProviderError(
          'rejected',
          `The national NFS-e environment refused to cancel '${reference}'; it stays authorized. Read the provider messages (a cancellation deadline or a rule of the municipality) and, if the deadline passed, ask the municipality to cancel it.`,
          {
            providerMessages: readMessages(response.body),
            httpStatus: response.httpStatus,
            providerCode: 'erro_cancelamento',
          },
        );
      }
      if (code === 'nfe_cancelada') {
        return {
          reference,
          status: 'CANCELLED',
          ...optional('providerMessage', text(response.body?.mensagem)),
        };
      }
      if (code === 'nfe_nao_autorizada') {
        throw new FiscalProviderError(
          'rejected',
          `Only an authorized NFS-e can be cancelled, and Focus NFe says '${reference}' is not authorized (still processing, or rejected). Check getStatus('${reference}'): a rejected document needs no cancellation; a processing one can be cancelled once authorized.`,
          {
            providerMessages: readMessages(response.body),
            httpStatus: response.httpStatus,
            providerCode: code,
          },
        );
      }
      throw toFiscalError(response, `cancelling NFS-e '${reference}'`);
    },
  };
}

/** The JSON body Focus NFe expects for one NFS-e in the national layout. Pure: tests read it as the spec. */
export function buildFocusNfseRequest(input: ServiceInvoiceInput): FocusBody {
  assertReference(input.reference);
  const { provider, taker, service } = input;
  if (Number.isNaN(input.issuedAt.getTime())) {
    throw new FiscalProviderError(
      'rejected',
      'The issue date is not a valid date; pass the moment of issue.',
    );
  }
  if (!Number.isSafeInteger(service.amountCents) || service.amountCents <= 0) {
    throw new FiscalProviderError(
      'rejected',
      `The service amount must be a positive whole number of cents (got ${service.amountCents}); convert the labor total to cents before issuing.`,
    );
  }
  if (!Number.isSafeInteger(service.issRateBps) || service.issRateBps < 0 || service.issRateBps > 10_000) {
    throw new FiscalProviderError(
      'rejected',
      `The ISS rate must be whole basis points between 0 and 10000 (got ${service.issRateBps}); 5% is 500.`,
    );
  }
  const issued = formatBrasiliaTime(input.issuedAt);
  const takerDocument = onlyDigits(taker.document);
  const address = taker.address;
  const municipality = toNumberCode(provider.municipalityCode);

  return {
    data_emissao: issued.dateTime,
    data_competencia: input.competenceDate ?? issued.date,
    codigo_municipio_emissora: municipality,
    cnpj_prestador: onlyDigits(provider.cnpj),
    inscricao_municipal_prestador: provider.municipalRegistration.trim(),
    ...optional(
      'codigo_opcao_simples_nacional',
      provider.simplesNacional ? SIMPLES_NACIONAL_CODES[provider.simplesNacional] : undefined,
    ),
    regime_especial_tributacao: NO_SPECIAL_REGIME,
    ...(takerDocument.length === 11 ? { cpf_tomador: takerDocument } : { cnpj_tomador: takerDocument }),
    razao_social_tomador: taker.name.trim(),
    ...optional('email_tomador', taker.email?.trim()),
    ...(address
      ? {
          codigo_municipio_tomador: toNumberCode(address.municipalityCode),
          cep_tomador: onlyDigits(address.postalCode),
          logradouro_tomador: address.street.trim(),
          numero_tomador: address.number.trim(),
          ...optional('complemento_tomador', address.complement?.trim()),
          bairro_tomador: address.district.trim(),
        }
      : {}),
    // labor is performed at the shop
    codigo_municipio_prestacao: municipality,
    codigo_tributacao_nacional_iss: nationalTaxCode(service.serviceCode, service.nationalTaxCode),
    descricao_servico: service.description.trim(),
    // a decimal string, so no binary float ever carries the amount
    valor_servico: formatHundredths(service.amountCents),
    tributacao_iss: ISS_TAXABLE,
    tipo_retencao_iss: service.issWithheld ? ISS_WITHHELD_BY_TAKER : ISS_NOT_WITHHELD,
    // Without withholding the national environment applies the municipality's own rate and refuses
    // a declared one (third-party reports of E0625); with withholding it asks for it.
    ...(service.issWithheld ? { [FOCUS_ISS_RATE_FIELD]: formatHundredths(service.issRateBps) } : {}),
  };
}

/**
 * Reads Focus NFe's document body (GET /v2/nfsen/{ref}, the POST answer, or a webhook delivery).
 * Only Focus's own `autorizado` yields AUTHORIZED; a status we do not know is an error, never a guess.
 */
export function readFocusNfseDocument(
  reference: string,
  body: FocusBody | undefined,
  baseUrl: string,
): FiscalDocumentResult {
  const status = body?.status;
  if (body?.ref !== undefined && body.ref !== reference) {
    throw new FiscalProviderError(
      'unexpected',
      `Focus NFe answered about reference '${String(body.ref)}' when asked about '${reference}'; nothing was recorded. Report this to Focus NFe support.`,
    );
  }
  const files = {
    ...optional('number', text(body?.numero)),
    ...optional('series', text(body?.serie_rps)),
    ...optional('verificationCode', text(body?.codigo_verificacao)),
    // in the national layout the verification code is the document's 50-digit access key
    ...optional(
      'accessKey',
      /^\d{50}$/.test(text(body?.codigo_verificacao) ?? '') ? text(body?.codigo_verificacao) : undefined,
    ),
    ...optional('pdfUrl', absoluteUrl(text(body?.url_danfse), baseUrl)),
    ...optional('xmlUrl', absoluteUrl(text(body?.caminho_xml_nota_fiscal), baseUrl)),
    ...optional('publicUrl', text(body?.url)),
  };
  switch (status) {
    case 'processando_autorizacao':
      return { reference, status: 'PROCESSING', ...optional('providerMessage', text(body?.mensagem)) };
    case 'autorizado':
      return {
        reference,
        status: 'AUTHORIZED',
        ...files,
        ...optional('providerMessage', text(body?.mensagem)),
      };
    case 'cancelado':
      return {
        reference,
        status: 'CANCELLED',
        ...files,
        ...optional('providerMessage', text(body?.mensagem)),
      };
    case 'erro_autorizacao': {
      const messages = readMessages(body);
      return {
        reference,
        status: 'REJECTED',
        ...optional('providerMessage', messages.join('; ') || undefined),
      };
    }
    default:
      throw new FiscalProviderError(
        'unexpected',
        `Focus NFe answered an unknown status '${String(status)}' for NFS-e '${reference}'; it is not treated as issued. Check the document in the Focus NFe panel and report the status to the Bancada maintainers.`,
        { providerMessages: readMessages(body) },
      );
  }
}

/** A webhook (gatilho) delivery carries the same body as the status query. */
export function readFocusNfseWebhook(body: unknown, baseUrl: string): FiscalDocumentResult {
  const document = isObject(body) ? body : undefined;
  const reference = text(document?.ref);
  if (!reference) {
    throw new FiscalProviderError('unexpected', 'A Focus NFe webhook arrived without `ref`; it was ignored.');
  }
  return readFocusNfseDocument(reference, document, baseUrl);
}

/** Compares the hook's `authorization` value (chosen when the hook is created) in constant time. */
export function isFocusWebhookAuthentic(received: string | undefined, expected: string): boolean {
  if (!received || !expected) return false;
  return isSameSecret(received, expected);
}

function resolveBaseUrl(config: FocusNfeConfig): string {
  const official = FOCUS_NFE_BASE_URLS[config.environment];
  if (!official) throw new Error(`Focus NFe: unknown environment '${String(config.environment)}'.`);
  const baseUrl = (config.baseUrl || official).replace(/\/+$/, '');
  const other =
    config.environment === 'producao' ? FOCUS_NFE_BASE_URLS.homologacao : FOCUS_NFE_BASE_URLS.producao;
  // a homologação run must never reach the host that issues real documents, and the reverse
  if (baseUrl === other) {
    throw new Error(
      `Focus NFe: environment '${config.environment}' does not match base URL ${baseUrl}; set the URL of the same environment (${official}) or change the environment.`,
    );
  }
  return baseUrl;
}

async function sendToFocus(request: {
  baseUrl: string;
  authorization: string;
  timeoutMs: number;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}): Promise<FocusResponse> {
  const { baseUrl, timeoutMs, method, path } = request;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: request.authorization,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
    });
    const raw = await response.text();
    return { httpStatus: response.status, body: parseObject(raw), text: raw };
  } catch (error) {
    if (signal.aborted) {
      throw new FiscalProviderError(
        'timeout',
        `Focus NFe did not answer ${method} ${path} within ${timeoutMs} ms. The request may have reached it: read the status of the same reference before sending it again (a repeated reference never issues twice).`,
        { cause: error },
      );
    }
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new FiscalProviderError(
      'unreachable',
      `Could not reach Focus NFe at ${baseUrl}${code ? ` (${code})` : ''}. Check the base URL and the server's network, then try again; nothing was sent.`,
      { cause: error },
    );
  }
}

function toFiscalError(response: FocusResponse, doing: string): FiscalProviderError {
  const { httpStatus, body } = response;
  const code = providerCode(response);
  const providerMessages = body
    ? readMessages(body)
    : response.text.trim()
      ? [response.text.trim().slice(0, 500)]
      : [];
  const details = { providerMessages, httpStatus, ...optional('providerCode', code) };
  if (httpStatus === 401 || httpStatus === 403) {
    return new FiscalProviderError(
      'auth',
      `Focus NFe refused the token while ${doing} (HTTP ${httpStatus}). Check that the token is the company's token for this environment (homologação and produção tokens differ) and that the account is active.`,
      details,
    );
  }
  if (httpStatus === 404 && code === 'nao_encontrado') {
    return new FiscalProviderError(
      'rejected',
      `Focus NFe has no NFS-e with this reference (${doing}). Check the reference; a document that was never accepted has nothing to read or cancel.`,
      details,
    );
  }
  if ((httpStatus === 400 || httpStatus === 422) && code) {
    return new FiscalProviderError(
      'rejected',
      `Focus NFe rejected the request while ${doing} (${code}). Correct what the provider messages name and send again; nothing was issued.`,
      details,
    );
  }
  if (httpStatus === 429) {
    return new FiscalProviderError(
      'unexpected',
      `Focus NFe limited the request rate while ${doing} (HTTP 429). Wait a minute and try again.`,
      { ...details, retryable: true },
    );
  }
  if (httpStatus === 502 || httpStatus === 503 || httpStatus === 504) {
    return new FiscalProviderError(
      'unreachable',
      `Focus NFe is unavailable (HTTP ${httpStatus}) while ${doing}. Try again later.`,
      details,
    );
  }
  return new FiscalProviderError(
    'unexpected',
    `Focus NFe answered HTTP ${httpStatus} while ${doing}${code ? ` (${code})` : ''}. ${httpStatus >= 500 ? 'It is a fault on the provider side: try again later and, if it persists, contact Focus NFe support with the provider messages.' : 'Check the base URL points at the Focus NFe API and report the answer to the Bancada maintainers.'}`,
    { ...details, retryable: httpStatus >= 500 },
  );
}

function readMessages(body: FocusBody | undefined): string[] {
  if (!body) return [];
  const messages: string[] = [];
  const mensagem = text(body.mensagem);
  if (mensagem) messages.push(mensagem);
  if (Array.isArray(body.erros)) {
    for (const item of body.erros) {
      if (typeof item === 'string') messages.push(item);
      else if (isObject(item)) {
        const message = text(item.mensagem);
        const code = text(item.codigo);
        const fix = text(item.correcao);
        if (message) messages.push(`${code ? `${code}: ` : ''}${message}${fix ? ` (${fix})` : ''}`);
        // Focus nests a list of plain messages in some validation answers
        if (Array.isArray(item.erros))
          messages.push(...item.erros.filter((e): e is string => typeof e === 'string'));
      }
    }
  }
  return messages;
}

function nationalTaxCode(serviceCode: string | undefined, explicit: string | undefined): string {
  if (explicit !== undefined) return onlyDigits(explicit);
  const code = (serviceCode ?? DEFAULT_SERVICE_CODE).trim();
  const match = /^(\d{1,2})\.(\d{2})$/.exec(code);
  if (!match) {
    throw new FiscalProviderError(
      'rejected',
      `The service code '${code}' is not an LC 116/2003 item like '14.01'; pass the item, or the 6-digit national tax code in nationalTaxCode.`,
    );
  }
  // item + subitem + the national breakdown ("desdobro"); 01 is assumed for the repair items
  return `${match[1]!.padStart(2, '0')}${match[2]}01`;
}

function assertReference(reference: string) {
  if (!REFERENCE_PATTERN.test(reference)) {
    throw new FiscalProviderError(
      'rejected',
      `The reference '${reference}' must be 1 to 100 letters, digits, '-' or '_' (Focus NFe accepts no special characters); use the issue attempt's id.`,
    );
  }
}

/** Brasília time (UTC−3, no daylight saving since 2019); Focus reads local time, and UTC reads as the future. */
function formatBrasiliaTime(date: Date): { dateTime: string; date: string } {
  const local = new Date(date.getTime() - 3 * 60 * 60 * 1000).toISOString();
  return { dateTime: `${local.slice(0, 19)}-03:00`, date: local.slice(0, 10) };
}

function toNumberCode(code: string): number | string {
  const digits = onlyDigits(code);
  // the documented example sends IBGE codes as numbers; anything odd goes as typed, for Focus to reject
  return /^\d{7}$/.test(digits) ? Number(digits) : code;
}

function absoluteUrl(path: string | undefined, baseUrl: string): string | undefined {
  if (!path) return undefined;
  return new URL(path, `${baseUrl}/`).toString();
}

function providerCode(response: FocusResponse): string | undefined {
  return text(response.body?.codigo);
}

function isSuccess(response: FocusResponse): response is FocusResponse & { body: FocusBody } {
  return response.httpStatus >= 200 && response.httpStatus < 300 && response.body !== undefined;
}

function parseObject(raw: string): FocusBody | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is FocusBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** `{ key: value }`, or nothing when there is no value: results carry no `undefined` fields. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}
