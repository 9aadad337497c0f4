import { z } from 'zod';

export const IdParamSchema = z.object({ id: z.uuid() });
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const EmailSchema = z
  .email({ message: 'validation.email' })
  .max(254)
  .transform((e) => e.trim().toLowerCase());
/** Password rules shared by the API and the web forms. */
export const PasswordSchema = z
  .string()
  .min(8, { message: 'validation.password_min' })
  .max(200, { message: 'validation.password_max' });

/** Forms send '' for a cleared optional field: treat it as null. */
export function emptyToNull<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema);
}
