import { z } from 'zod';
import { isValidCnpj, normalizeCnpj } from '../documents.js';
import { LOCALES } from '../locales.js';

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

export const OrganizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    document: z.string().nullable(),
    address: AddressSchema,
    currency: z.enum(CURRENCIES),
    locale: z.enum(LOCALES),
    vertical: z.enum(VERTICALS),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof OrganizationSchema>;

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
  })
  .partial();
export type OrganizationUpdate = z.input<typeof OrganizationUpdateSchema>;

export const BranchSchema = z.object({ id: z.uuid(), name: z.string(), isDefault: z.boolean() });
export type Branch = z.infer<typeof BranchSchema>;
export const BranchListSchema = z.array(BranchSchema);
export type BranchList = z.infer<typeof BranchListSchema>;
