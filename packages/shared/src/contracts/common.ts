import { z } from 'zod';

export const IdParamSchema = z.object({ id: z.uuid() });
export type IdParam = z.infer<typeof IdParamSchema>;
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;
export const EmailSchema = z
  .email({ message: 'validation.email' })
  .max(254)
  .transform((e) => e.trim().toLowerCase());
export type Email = z.infer<typeof EmailSchema>;
/** Password rules shared by the API and the web forms. */
export const PasswordSchema = z
  .string()
  .min(8, { message: 'validation.password_min' })
  .max(200, { message: 'validation.password_max' });
export type Password = z.infer<typeof PasswordSchema>;

/** A 204's body: nothing (read as null). */
export const NoContentSchema = z.null();
export type NoContent = z.infer<typeof NoContentSchema>;

/** Forms send '' for a cleared optional field: treat it as null. */
export function emptyToNull<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema);
}
