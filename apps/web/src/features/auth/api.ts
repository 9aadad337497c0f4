import {
  isTwoFactorChallenge,
  type LoginRequest,
  LoginResponseSchema,
  NoContentSchema,
  PasswordResetAcceptedSchema,
  type PasswordResetConfirm,
  type PasswordResetRequest,
  type TokenResponse,
  TokenResponseSchema,
  type TwoFactorChallenge,
  TwoFactorEnrolledSchema,
  type TwoFactorEnrolmentConfirm,
  TwoFactorSetupSchema,
  type TwoFactorVerify,
} from '@bancada/shared';
import { api } from '../../app/api';
import { session } from '../../app/session';

// Plain calls, not TanStack Query hooks: the public pages render before the app's query client loads.

/**
 * POST /auth/login. With tokens, keeps them (whoever shows the page moves on once the session exists)
 * and answers null; when a second factor is on or required, answers the challenge for the next step.
 */
export async function signIn(body: LoginRequest): Promise<TwoFactorChallenge | null> {
  const answer = await api('/auth/login', {
    schema: LoginResponseSchema,
    method: 'POST',
    body,
    auth: false,
  });
  if (isTwoFactorChallenge(answer)) return answer;
  session.store(answer, body.rememberMe === true);
  return null;
}

/** The second step: the authenticator code or a recovery code; keeps the tokens. */
export async function verifyTwoFactor(input: { body: TwoFactorVerify; rememberMe: boolean }): Promise<void> {
  const tokens = await api('/auth/two-factor/verify', {
    schema: TokenResponseSchema,
    method: 'POST',
    body: input.body,
    auth: false,
  });
  session.store(tokens, input.rememberMe);
}

/** Enrolment during a sign-in (the role requires a second factor): a new secret. */
export function startEnrolment(challengeToken: string) {
  return api('/auth/two-factor/enrolment', {
    schema: TwoFactorSetupSchema,
    method: 'POST',
    body: { challengeToken },
    auth: false,
  });
}

/** Confirms the enrolment: tokens and recovery codes, kept by the caller once the codes were seen. */
export function confirmEnrolment(body: TwoFactorEnrolmentConfirm) {
  return api('/auth/two-factor/enrolment/confirm', {
    schema: TwoFactorEnrolledSchema,
    method: 'POST',
    body,
    auth: false,
  });
}

export function keepSession(tokens: TokenResponse, rememberMe: boolean): void {
  session.store(tokens, rememberMe);
}

export function requestPasswordReset(body: PasswordResetRequest) {
  return api('/auth/password-reset', {
    schema: PasswordResetAcceptedSchema,
    method: 'POST',
    body,
    auth: false,
  });
}

export function confirmPasswordReset(body: PasswordResetConfirm) {
  return api('/auth/password-reset/confirm', {
    schema: NoContentSchema,
    method: 'POST',
    body,
    auth: false,
  });
}
