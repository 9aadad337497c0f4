import {
  NoContentSchema,
  PasswordResetAcceptedSchema,
  type PasswordResetConfirm,
  type PasswordResetRequest,
} from '@bancada/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequest) =>
      api('/auth/password-reset', { schema: PasswordResetAcceptedSchema, method: 'POST', body, auth: false }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetConfirm) =>
      api('/auth/password-reset/confirm', { schema: NoContentSchema, method: 'POST', body, auth: false }),
  });
}
