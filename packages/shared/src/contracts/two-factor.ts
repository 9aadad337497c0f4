import { z } from 'zod';
import { STAFF_ROLES } from '../roles.js';
import { TokenResponseSchema } from './auth.js';

/** Issue 13 §4: the optional TOTP second factor (RFC 6238) of staff logins. */

/** How many recovery codes an enrolment hands out (each works once). */
export const RECOVERY_CODE_COUNT = 10;

/** Roles an organization may require the second factor of: staff only. */
export const TwoFactorRolesSchema = z
  .array(z.enum(STAFF_ROLES))
  .max(STAFF_ROLES.length)
  .transform((roles) => [...new Set(roles)]);

/** The 6 digits an authenticator app shows (a space in the middle, as some apps show it, is allowed). */
export const TotpCodeSchema = z
  .string()
  .trim()
  .max(12)
  .regex(/^\d{3} ?\d{3}$/, { message: 'validation.two_factor_code' })
  .transform((code) => code.replace(' ', ''));

/** A recovery code as printed (`abcde-fghij`); case, spaces and dashes do not matter. */
export const RecoveryCodeSchema = z
  .string()
  .trim()
  .min(10, { message: 'validation.recovery_code' })
  .max(40, { message: 'validation.recovery_code' });

const ChallengeTokenSchema = z.string().min(1).max(200);

/**
 * The answer to a right password when the sign-in is not finished: VERIFY asks for the code (or a
 * recovery code) at /auth/two-factor/verify; ENROL means the role must use a second factor and the
 * user has none yet (/auth/two-factor/enrolment/*). No tokens until then.
 */
export const TwoFactorChallengeSchema = z
  .object({
    twoFactor: z.enum(['VERIFY', 'ENROL']),
    challengeToken: z.string(),
    /** seconds the challenge stays valid */
    expiresIn: z.number().int(),
  })
  .meta({ id: 'TwoFactorChallenge' });
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallengeSchema>;

/** POST /auth/login: tokens, or a challenge when a second factor is on (or required). */
export const LoginResponseSchema = z
  .union([TokenResponseSchema, TwoFactorChallengeSchema])
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export function isTwoFactorChallenge(body: LoginResponse): body is TwoFactorChallenge {
  return 'twoFactor' in body;
}

/** The second step of a sign-in: the challenge and either a current code or an unused recovery code. */
export const TwoFactorVerifySchema = z
  .object({
    challengeToken: ChallengeTokenSchema,
    code: TotpCodeSchema.optional(),
    recoveryCode: RecoveryCodeSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.code === undefined) === (value.recoveryCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'validation.required' });
    }
  });
export type TwoFactorVerify = z.input<typeof TwoFactorVerifySchema>;

/** A new secret to add to an authenticator app: as a QR code, an otpauth:// address, or typed. */
export const TwoFactorSetupSchema = z
  .object({
    /** base32, as authenticator apps ask for it when typed */
    secret: z.string(),
    otpauthUri: z.string(),
    /** the otpauth:// address as a PNG QR code (data: URL) */
    qrDataUrl: z.string(),
  })
  .meta({ id: 'TwoFactorSetup' });
export type TwoFactorSetup = z.infer<typeof TwoFactorSetupSchema>;

/** Confirms the new secret with a code it makes; the answer holds the recovery codes, shown this once. */
export const TwoFactorConfirmSchema = z.object({ code: TotpCodeSchema });
export type TwoFactorConfirm = z.input<typeof TwoFactorConfirmSchema>;
export const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT) })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

/** Enrolment during a sign-in (a role that must use a second factor): the challenge stands in for a session. */
export const TwoFactorEnrolmentStartSchema = z.object({ challengeToken: ChallengeTokenSchema });
export type TwoFactorEnrolmentStart = z.input<typeof TwoFactorEnrolmentStartSchema>;
export const TwoFactorEnrolmentConfirmSchema = z.object({
  challengeToken: ChallengeTokenSchema,
  code: TotpCodeSchema,
});
export type TwoFactorEnrolmentConfirm = z.input<typeof TwoFactorEnrolmentConfirmSchema>;
/** The finished sign-in after an enrolment: tokens plus the recovery codes, shown this once. */
export const TwoFactorEnrolledSchema = TokenResponseSchema.extend({
  recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT),
}).meta({ id: 'TwoFactorEnrolled' });
export type TwoFactorEnrolled = z.infer<typeof TwoFactorEnrolledSchema>;

/** Turning the second factor off asks for a current code or the password. */
export const TwoFactorDisableSchema = z
  .object({
    code: TotpCodeSchema.optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.code === undefined && value.password === undefined) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'validation.required' });
    }
  });
export type TwoFactorDisable = z.input<typeof TwoFactorDisableSchema>;

/** My second factor, or (for an administrator) a user's. */
export const TwoFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    /** unused recovery codes left */
    recoveryCodesLeft: z.number().int(),
    /** the organization requires a second factor for this user's role */
    required: z.boolean(),
  })
  .meta({ id: 'TwoFactorStatus' });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

/** "Sign out everywhere": how many sessions were ended (this one too). */
export const SessionsRevokedSchema = z.object({ revoked: z.number().int() });
export type SessionsRevoked = z.infer<typeof SessionsRevokedSchema>;
