import { z } from 'zod';
import { isValidCnpj, normalizeCnpj } from '../documents.js';
import { LOCALES } from '../locales.js';
import { normalizePixKey, PIX_KEY_TYPES } from '../pix.js';
import { STAFF_ROLES } from '../roles.js';

export const VERTICALS = ['auto', 'appliance', 'machinery', 'mixed'] as const;
export type Vertical = (typeof VERTICALS)[number];
export const CURRENCIES = ['BRL', 'CLP', 'PEN', 'COP', 'ARS', 'MXN', 'UYU', 'USD'] as const;

export const AddressSchema = z.object({
  street: z.string().trim().max(160).default(''),
  number: z.string().trim().max(20).default(''),
  complement: z.string().trim().max(80).default(''),
  neighborhood: z.string().trim().max(80).default(''),
  city: z.string().trim().max(80).default(''),
  state: z.string().trim().max(40).default(''),
  postalCode: z.string().trim().max(20).default(''),
  country: z.string().trim().length(2).default('BR'),
});
export type Address = z.infer<typeof AddressSchema>;

/** A time of day, HH:MM on 24 hours. */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Brazil's zone: the wall clock of a shop that has not chosen one. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** An IANA zone name that this runtime's Intl knows (America/Sao_Paulo, America/Santiago, UTC). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A web address customers can be sent to: http(s), a host, no query or fragment. */
export function isPublicUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.hostname !== '' && !url.search && !url.hash;
  } catch {
    return false;
  }
}

export const OrganizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    document: z.string().nullable(),
    address: AddressSchema,
    currency: z.enum(CURRENCIES),
    locale: z.enum(LOCALES),
    vertical: z.enum(VERTICALS),
    /** where customers open their links; null: the server's PUBLIC_URL */
    publicUrl: z.string().nullable(),
    timeZone: z.string(),
    /** the shop's Pix key for static BR Codes (issue 12), normalized for its type */
    pixKey: z.string().nullable(),
    pixKeyType: z.enum(PIX_KEY_TYPES).nullable(),
    /** days from an invoice's issue to its due date */
    invoiceDueDays: z.number().int(),
    /** payment terms printed on invoices and estimates (CDC art. 40) */
    paymentTerms: z.string().nullable(),
    /** delivering an order whose invoice has a balance: WARN or BLOCK */
    deliveryBalancePolicy: z.enum(['WARN', 'BLOCK']),
    /** roles whose users must sign in with a second factor (issue 13 §4) */
    twoFactorRoles: z.array(z.enum(STAFF_ROLES)),
    /** automatic messages to customers wait outside these hours (HH:MM, the shop's clock; issue 14) */
    quietStart: z.string(),
    quietEnd: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof OrganizationSchema>;

/** The shop as its customers' portal shows it (GET /portal/shop): the public fields only. */
export const PortalShopSchema = OrganizationSchema.pick({
  name: true,
  currency: true,
  locale: true,
  timeZone: true,
  paymentTerms: true,
}).meta({ id: 'PortalShop' });
export type PortalShop = z.infer<typeof PortalShopSchema>;

export const OrganizationUpdateSchema = z
  .object({
    name: z.string().trim().min(2, { message: 'validation.name_min' }).max(120),
    document: z
      .string()
      .trim()
      .max(30)
      .nullable()
      .refine((v) => v === null || v === '' || isValidCnpj(v), { message: 'validation.cnpj' })
      .transform((v) => (v ? normalizeCnpj(v) : null)),
    address: AddressSchema,
    currency: z.enum(CURRENCIES),
    locale: z.enum(LOCALES),
    vertical: z.enum(VERTICALS),
    /** null or '' goes back to the server's PUBLIC_URL */
    publicUrl: z
      .string()
      .trim()
      .max(300)
      .nullable()
      .refine((v) => v === null || v === '' || isPublicUrl(v), { message: 'validation.public_url' })
      .transform((v) => (v ? v.replace(/\/+$/, '') : null))
      .describe('http(s) address customers open links at; null or empty: the PUBLIC_URL configuration'),
    timeZone: z
      .string()
      .trim()
      .max(64)
      .refine(isTimeZone, { message: 'validation.time_zone' })
      .describe('IANA time zone name, e.g. America/Sao_Paulo'),
    /** set together with `pixKeyType` (validated by it); null clears the key */
    pixKey: z.string().trim().max(77).nullable(),
    pixKeyType: z.enum(PIX_KEY_TYPES).nullable(),
    invoiceDueDays: z.number().int().min(0).max(365),
    paymentTerms: z.string().trim().max(500).nullable(),
    deliveryBalancePolicy: z.enum(['WARN', 'BLOCK']),
    twoFactorRoles: z
      .array(z.enum(STAFF_ROLES))
      .max(STAFF_ROLES.length)
      .transform((roles) => [...new Set(roles)]),
    quietStart: z
      .string()
      .trim()
      .max(5)
      .regex(CLOCK_TIME, { message: 'validation.time' })
      .describe('start of the quiet hours, HH:MM on the shop’s clock (default 20:00)'),
    quietEnd: z
      .string()
      .trim()
      .max(5)
      .regex(CLOCK_TIME, { message: 'validation.time' })
      .describe('end of the quiet hours, HH:MM on the shop’s clock (default 08:00)'),
  })
  .partial()
  .superRefine((v, ctx) => {
    if (v.pixKey === undefined && v.pixKeyType === undefined) return;
    if (v.pixKey === null || v.pixKey === '') return;
    if (!v.pixKey || !v.pixKeyType) {
      ctx.addIssue({ code: 'custom', path: ['pixKeyType'], message: 'validation.required' });
      return;
    }
    if (!normalizePixKey(v.pixKeyType, v.pixKey).ok) {
      ctx.addIssue({ code: 'custom', path: ['pixKey'], message: 'validation.pix_key' });
    }
  })
  .transform((v) => {
    if (!v.pixKey || !v.pixKeyType)
      return v.pixKey === null || v.pixKey === '' ? { ...v, pixKey: null, pixKeyType: null } : v;
    const normalized = normalizePixKey(v.pixKeyType, v.pixKey);
    return normalized.ok ? { ...v, pixKey: normalized.key } : v;
  });
export type OrganizationUpdate = z.input<typeof OrganizationUpdateSchema>;

export const BranchSchema = z.object({ id: z.uuid(), name: z.string(), isDefault: z.boolean() });
export type Branch = z.infer<typeof BranchSchema>;
export const BranchListSchema = z.array(BranchSchema);
export type BranchList = z.infer<typeof BranchListSchema>;
