import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { email: string }) =>
      api<void>('/auth/password-reset', { method: 'POST', body, auth: false }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api<void>('/auth/password-reset/confirm', { method: 'POST', body, auth: false }),
  });
}
