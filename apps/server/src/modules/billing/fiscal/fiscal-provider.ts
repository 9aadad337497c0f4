/**
 * The seam between Bancada and whoever issues its fiscal documents. Brazil's NFS-e goes through a
 * fiscal-API provider (decision 0009: Focus NFe); Chile's SII, Peru's SUNAT and Colombia's DIAN fit
 * the same three calls. Nothing here knows a provider's field names.
 */

export const FISCAL_DOCUMENT_STATUSES = ['PROCESSING', 'AUTHORIZED', 'REJECTED', 'CANCELLED'] as const;
export type FiscalDocumentStatus = (typeof FISCAL_DOCUMENT_STATUSES)[number];

export const FISCAL_ERROR_KINDS = ['unreachable', 'timeout', 'auth', 'rejected', 'unexpected'] as const;
export type FiscalErrorKind = (typeof FISCAL_ERROR_KINDS)[number];

/** How the shop is taxed federally; the national NFS-e asks it on every document (opSimpNac). */
export const SIMPLES_NACIONAL_OPTIONS = ['not_opted', 'mei', 'me_epp'] as const;
export type SimplesNacionalOption = (typeof SIMPLES_NACIONAL_OPTIONS)[number];

/** LC 116/2003 item for repair labor: maintenance and repair of machines, vehicles, appliances. */
export const DEFAULT_SERVICE_CODE = '14.01';

export type FiscalAddress = {
  street: string;
  number: string;
  complement?: string;
  district: string;
  /** CEP, digits only or formatted */
  postalCode: string;
  /** IBGE municipality code, 7 digits */
  municipalityCode: string;
};

export type ServiceInvoiceInput = {
  /** Our reference for this issue attempt: unique per attempt, letters, digits, `-` and `_` only. */
  reference: string;
  issuedAt: Date;
  /** Tax period (YYYY-MM-DD); defaults to the issue date in Brasília time. */
  competenceDate?: string;
  /** The shop, which provides the service. */
  provider: {
    cnpj: string;
    municipalRegistration: string;
    /** IBGE municipality code, 7 digits */
    municipalityCode: string;
    /** Left out, the provider's own registration of the shop decides. */
    simplesNacional?: SimplesNacionalOption;
  };
  /** The customer, who takes the service. */
  taker: {
    /** CPF (11 digits) or CNPJ (14 digits), formatted or not */
    document: string;
    name: string;
    email?: string;
    address?: FiscalAddress;
  };
  service: {
    description: string;
    amountCents: number;
    /** LC 116/2003 item, e.g. '14.01' (the default) */
    serviceCode?: string;
    /** National tax code (cTribNac, 6 digits); derived from serviceCode when left out. */
    nationalTaxCode?: string;
    /** ISS rate in basis points: 500 = 5% */
    issRateBps: number;
    /** Whether the customer withholds the ISS (retenção na fonte). */
    issWithheld: boolean;
  };
};

export type FiscalDocumentResult = {
  reference: string;
  status: FiscalDocumentStatus;
  number?: string;
  series?: string;
  /** The document's national access key, where the country has one (NFS-e: 50 digits). */
  accessKey?: string;
  verificationCode?: string;
  pdfUrl?: string;
  xmlUrl?: string;
  /** Where anyone can check the document on the tax authority's portal. */
  publicUrl?: string;
  /** The provider's own words: rejection reasons, or its status message. */
  providerMessage?: string;
};

export type FiscalProvider = {
  /** Sends the document. Usually answers PROCESSING; poll getStatus (or take the webhook). */
  issueServiceInvoice(input: ServiceInvoiceInput): Promise<FiscalDocumentResult>;
  getStatus(reference: string): Promise<FiscalDocumentResult>;
  /** Cancels an authorized document; refuses anything else with a 'rejected' error. */
  cancel(reference: string, reason: string): Promise<FiscalDocumentResult>;
};

/**
 * A failure talking to the provider. `message` names the cause and the fix in English;
 * `providerMessages` keeps the provider's own words untouched (they are what support will ask for).
 */
export class FiscalProviderError extends Error {
  readonly kind: FiscalErrorKind;
  readonly providerMessages: string[];
  readonly httpStatus: number | undefined;
  /** The provider's error code, e.g. Focus NFe's `nfe_nao_autorizada` */
  readonly providerCode: string | undefined;
  /** Whether trying the same call again later can succeed (after a timeout, check the status first). */
  readonly retryable: boolean;

  constructor(
    kind: FiscalErrorKind,
    message: string,
    options: {
      providerMessages?: string[];
      httpStatus?: number;
      providerCode?: string;
      retryable?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FiscalProviderError';
    this.kind = kind;
    this.providerMessages = options.providerMessages ?? [];
    this.httpStatus = options.httpStatus;
    this.providerCode = options.providerCode;
    this.retryable = options.retryable ?? (kind === 'unreachable' || kind === 'timeout');
  }
}

/** Integer hundredths as a decimal string without float math: 15050 → '150.50', 500 bps → '5.00'. */
export function formatHundredths(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`expected a non-negative integer amount, got ${value}`);
  }
  const digits = String(value).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function onlyDigits(value: string): string {
  return value.replace(/\D/g, '');
}
