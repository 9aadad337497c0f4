import {
  type LoginRequest,
  NoContentSchema,
  PasswordResetAcceptedSchema,
  type PasswordResetConfirm,
  type PasswordResetRequest,
  TokenResponseSchema,
} from '@bancada/shared';
import { api } from '../../app/api';
import { session } from '../../app/session';

// Plain calls, not TanStack Query hooks: the public pages render before the app's query client loads.

/** POST /auth/login and keeps the tokens; whoever shows the page moves on once the session exists. */
export async function signIn(body: LoginRequest): Promise<void> {
  const tokens = await api('/auth/login', {
    schema: TokenResponseSchema,
    method: 'POST',
    body,
    auth: false,
  });
  session.store(tokens, body.rememberMe === true);
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
