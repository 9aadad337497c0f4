import { z } from 'zod';
import { normalizeCep, normalizePhone } from '../contact.js';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  detectBrazilianDocument,
  normalizeDocument,
} from '../documents.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { textParam } from '../text.js';
import { emptyToNull } from './common.js';

export const CUSTOMER_KINDS = ['person', 'company'] as const;
export const PHONE_LABELS = ['mobile', 'landline', 'whatsapp', 'work', 'other'] as const;
/**
 * The consent ledger's purposes: the three channels for transactional messages (order updates,
 * reminders) and, per channel, marketing (promotions, issue 14 §6), which needs its own consent.
 */
export const CONSENT_CHANNELS = [
  'email',
  'sms',
  'whatsapp',
  'marketing_email',
  'marketing_sms',
  'marketing_whatsapp',
] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
/** What the consent ledger records: the channels' consents, and accepting the privacy policy (portal). */
export const CONSENT_LEDGER_PURPOSES = [...CONSENT_CHANNELS, 'privacy_policy'] as const;
export type ConsentLedgerPurpose = (typeof CONSENT_LEDGER_PURPOSES)[number];
export const CONTACT_CHANNELS = ['whatsapp', 'sms', 'email', 'phone'] as const;
export const REMINDER_FREQUENCIES = ['none', 'monthly', 'quarterly', 'semiannual', 'annual'] as const;
/** `unsubscribe-link`: the customer followed a campaign's unsubscribe link (never chosen by staff). */
export const CONSENT_SOURCES = [
  'counter',
  'phone',
  'portal',
  'import',
  'whatsapp',
  'other',
  'unsubscribe-link',
] as const;

/** A phone as typed; stored and returned in E.164. */
export const PhoneInputSchema = z
  .string()
  .trim()
  .max(30)
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'validation.phone' });
      return z.NEVER;
    }
    return e164;
  });
export type PhoneInput = z.input<typeof PhoneInputSchema>;

export const CustomerAddressSchema = z.object({
  label: z.string().trim().max(40).default(''),
  street: z.string().trim().max(160).default(''),
  number: z.string().trim().max(20).default(''),
  complement: z.string().trim().max(80).default(''),
  neighborhood: z.string().trim().max(80).default(''),
  city: z.string().trim().max(80).default(''),
  state: z.string().trim().max(40).default(''),
  postalCode: z
    .string()
    .trim()
    .max(12)
    .default('')
    .refine((v) => v === '' || normalizeCep(v) !== null, { message: 'validation.cep' })
    .transform((v) => (v === '' ? '' : normalizeCep(v)!)),
  /** IBGE 7-digit municipality code, when known (fiscal documents need it) */
  ibgeCode: z
    .string()
    .trim()
    .max(7, { message: 'validation.ibge' })
    .regex(/^\d{7}$/, { message: 'validation.ibge' })
    .nullish()
    .transform((v) => v ?? null),
  country: z.string().trim().length(2).default('BR'),
});
export type CustomerAddress = z.infer<typeof CustomerAddressSchema>;

/** An address as the API returns it (already normalized; no transforms, so responses can be encoded). */
export const CustomerAddressOutputSchema = z.object({
  label: z.string(),
  street: z.string(),
  number: z.string(),
  complement: z.string(),
  neighborhood: z.string(),
  city: z.string(),
  state: z.string(),
  /** 8 digits, no mask */
  postalCode: z.string(),
  ibgeCode: z.string().nullable(),
  country: z.string(),
});
export type CustomerAddressOutput = z.infer<typeof CustomerAddressOutputSchema>;

export const CustomerPhoneSchema = z.object({
  label: z.enum(PHONE_LABELS).default('mobile'),
  number: PhoneInputSchema,
});
export type CustomerPhone = z.input<typeof CustomerPhoneSchema>;

export const CustomerPreferencesSchema = z.object({
  contactChannel: z.enum(CONTACT_CHANNELS).nullish(),
  reminderFrequency: z.enum(REMINDER_FREQUENCIES).nullish(),
  locale: z.enum(['pt-BR', 'es', 'en']).nullish(),
  notes: z.string().trim().max(2000).nullish(),
});
export type CustomerPreferences = z.infer<typeof CustomerPreferencesSchema>;

/** Consent per channel: true = granted, false = revoked; omitted = unchanged. */
export const ConsentInputSchema = z.object({
  email: z.boolean().optional(),
  sms: z.boolean().optional(),
  whatsapp: z.boolean().optional(),
  marketing_email: z.boolean().optional(),
  marketing_sms: z.boolean().optional(),
  marketing_whatsapp: z.boolean().optional(),
  source: z.enum(CONSENT_SOURCES).exclude(['unsubscribe-link']).default('counter'),
});
export type ConsentInput = z.input<typeof ConsentInputSchema>;

export const ConsentStateSchema = z.object({
  granted: z.boolean(),
  at: z.string().nullable(),
  source: z.string().nullable(),
});
export type ConsentState = z.infer<typeof ConsentStateSchema>;

function documentIssue(
  kind: 'person' | 'company' | undefined,
  type: DocumentType | null | undefined,
  value: string,
) {
  const resolved = type ?? detectBrazilianDocument(value) ?? (kind === 'company' ? 'CNPJ' : 'CPF');
  return { resolved, normalized: normalizeDocument(resolved, value) };
}

const customerFields = {
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string().trim().min(1, { message: 'validation.required' }).max(160),
  tradeName: z.string().trim().max(160).nullish(),
  /** CPF, CNPJ (numeric or alphanumeric) or a foreign tax id; mask optional */
  document: z.string().trim().max(30).nullish(),
  documentType: z.enum(DOCUMENT_TYPES).nullish(),
  email: emptyToNull(
    z
      .email({ message: 'validation.email' })
      .max(254)
      .transform((e) => e.toLowerCase())
      .nullish(),
  ),
  phone: emptyToNull(PhoneInputSchema.nullish()),
  phones: z.array(CustomerPhoneSchema).max(10),
  addresses: z.array(CustomerAddressSchema).max(10),
  notes: z.string().trim().max(10_000).nullish(),
  preferences: CustomerPreferencesSchema,
  birthDate: z.iso.date().nullish(),
};

type DocumentCarrier = {
  kind?: 'person' | 'company' | undefined;
  document?: string | null | undefined;
  documentType?: DocumentType | null | undefined;
};

/** Validates the document against its type (given, or detected from the Brazilian shape). */
function withDocument<T extends z.ZodType<DocumentCarrier>>(schema: T) {
  return schema.transform((data, ctx) => {
    if (!data.document) return { ...data, document: data.document === undefined ? undefined : null };
    const { resolved, normalized } = documentIssue(data.kind, data.documentType, data.document);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message: `validation.document_${resolved.toLowerCase()}`,
        path: ['document'],
      });
      return z.NEVER;
    }
    return { ...data, document: normalized, documentType: resolved };
  });
}

export const CustomerCreateSchema = withDocument(
  z.object({
    ...customerFields,
    kind: customerFields.kind.default('person'),
    phones: customerFields.phones.default([]),
    addresses: customerFields.addresses.default([]),
    preferences: customerFields.preferences.default({}),
    consents: ConsentInputSchema.optional(),
  }),
);
export type CustomerCreate = z.input<typeof CustomerCreateSchema>;

export const CustomerUpdateSchema = withDocument(
  z.object({ ...customerFields, consents: ConsentInputSchema }).partial(),
);
export type CustomerUpdate = z.input<typeof CustomerUpdateSchema>;

export const CustomerSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(CUSTOMER_KINDS),
    name: z.string(),
    tradeName: z.string().nullable(),
    /** normalized: digits, or uppercase letters and digits for the alphanumeric CNPJ and RUT */
    document: z.string().nullable(),
    documentType: z.enum(DOCUMENT_TYPES).nullable(),
    /** for display, with the mask of its type */
    documentFormatted: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    phones: z.array(z.object({ label: z.enum(PHONE_LABELS), number: z.string() })),
    addresses: z.array(CustomerAddressOutputSchema),
    notes: z.string().nullable(),
    preferences: CustomerPreferencesSchema,
    birthDate: z.string().nullable(),
    consents: z.object({
      email: ConsentStateSchema,
      sms: ConsentStateSchema,
      whatsapp: ConsentStateSchema,
      marketing_email: ConsentStateSchema,
      marketing_sms: ConsentStateSchema,
      marketing_whatsapp: ConsentStateSchema,
    }),
    /** the CUSTOMER login linked to this record, if any */
    portalUserId: z.uuid().nullable(),
    assetCount: z.number().int(),
    lastVisitAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListQuerySchema = PaginationQuerySchema.extend({
  q: textParam(120).optional(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  city: textParam(80).optional(),
  hasAssetKind: z.enum(['vehicle', 'appliance', 'machine']).optional(),
  consent: z.enum(CONSENT_CHANNELS).optional(),
  sort: z.enum(['name', '-createdAt', '-lastVisitAt']).default('name'),
});
export type CustomerListQuery = z.input<typeof CustomerListQuerySchema>;
export const CustomerPageSchema = pageOf(CustomerSchema);
export type CustomerPage = z.infer<typeof CustomerPageSchema>;

export const ConsentEventSchema = z.object({
  id: z.uuid(),
  channel: z.enum(CONSENT_LEDGER_PURPOSES),
  granted: z.boolean(),
  source: z.string(),
  textVersion: z.string(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  at: z.string(),
});
export type ConsentEvent = z.infer<typeof ConsentEventSchema>;
export const ConsentEventListSchema = z.array(ConsentEventSchema);
export type ConsentEventList = z.infer<typeof ConsentEventListSchema>;

/** CSV import: one report line per invalid field, before anything is written. */
export const ImportIssueSchema = z.object({ line: z.number().int(), field: z.string(), reason: z.string() });
export type ImportIssue = z.infer<typeof ImportIssueSchema>;
export const ImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    valid: z.number().int(),
    invalid: z.array(ImportIssueSchema),
    customersCreated: z.number().int(),
    assetsCreated: z.number().int(),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReportSchema>;
