import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { PERMISSIONS } from '../permissions.js';
import { ROLES } from '../roles.js';
import { PasswordSchema } from './common.js';

/** Sign-in accepts any stored address (the bootstrap account is admin@localhost). */
const LoginEmailSchema = z
  .string()
  .trim()
  .min(3, { message: 'validation.email' })
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, { message: 'validation.email' })
  .transform((e) => e.toLowerCase());

export const LoginRequestSchema = z.object({
  email: LoginEmailSchema,
  password: z.string().min(1, { message: 'validation.required' }).max(200),
  rememberMe: z.boolean().optional().default(false),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

export const AuthUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
});
export type AuthUser = z.infer<typeof AuthUserSchema>;

export const TokenResponseSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    /** seconds until the access token expires */
    expiresIn: z.number().int(),
    user: AuthUserSchema,
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.input<typeof RefreshRequestSchema>;
export const LogoutRequestSchema = z.object({ refreshToken: z.string().min(1).max(200).optional() });
export type LogoutRequest = z.input<typeof LogoutRequestSchema>;

export const MeSchema = AuthUserSchema.extend({
  phone: z.string().nullable(),
  locale: z.enum(LOCALES),
  organization: z.object({
    id: z.uuid(),
    name: z.string(),
    vertical: z.string(),
    /** the shop's IANA zone: screens show business dates and times on its wall clock */
    timeZone: z.string(),
    /** false while customer links (estimates) would point at localhost or a private-only address */
    customerLinksReachable: z.boolean(),
  }),
  branchId: z.uuid().nullable(),
  /** for CUSTOMER logins: their customer record */
  customerId: z.uuid().nullable(),
  permissions: z.array(z.enum(PERMISSIONS as [string, ...string[]])),
}).meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const PasswordResetRequestSchema = z.object({ email: LoginEmailSchema });
export type PasswordResetRequest = z.input<typeof PasswordResetRequestSchema>;
/** 202: the request was taken (whether or not the address is known). */
export const PasswordResetAcceptedSchema = z.object({ accepted: z.literal(true) });
export type PasswordResetAccepted = z.infer<typeof PasswordResetAcceptedSchema>;
export const PasswordResetConfirmSchema = z.object({
  token: z.string().min(1).max(200),
  password: PasswordSchema,
});
export type PasswordResetConfirm = z.input<typeof PasswordResetConfirmSchema>;
export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, { message: 'validation.required' }).max(200),
  newPassword: PasswordSchema,
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const SessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  rememberMe: z.boolean(),
  current: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;
export const SessionListSchema = z.array(SessionSchema);
export type SessionList = z.infer<typeof SessionListSchema>;
