import {
  type ChangePassword,
  NoContentSchema,
  RecoveryCodesSchema,
  SessionListSchema,
  SessionsRevokedSchema,
  type TwoFactorConfirm,
  type TwoFactorDisable,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
} from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

export function useSessions() {
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) => api('/auth/sessions', { schema: SessionListSchema, signal }),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/auth/sessions/${id}`, { schema: NoContentSchema, method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePassword) =>
      api('/auth/password', { schema: NoContentSchema, method: 'POST', body }),
    // the server ends every other session
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

const TWO_FACTOR_KEY = ['auth', 'two-factor'] as const;

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: TWO_FACTOR_KEY,
    queryFn: ({ signal }) => api('/auth/two-factor', { schema: TwoFactorStatusSchema, signal }),
  });
}

/** A new secret to scan; nothing is on until a code made with it is confirmed. */
export function useSetUpTwoFactor() {
  return useMutation({
    mutationFn: () => api('/auth/two-factor/setup', { schema: TwoFactorSetupSchema, method: 'POST' }),
  });
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TwoFactorConfirm) =>
      api('/auth/two-factor/confirm', { schema: RecoveryCodesSchema, method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TWO_FACTOR_KEY }),
  });
}

/** New recovery codes for a current code: the old ones stop working. */
export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TwoFactorConfirm) =>
      api('/auth/two-factor/recovery-codes', { schema: RecoveryCodesSchema, method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TWO_FACTOR_KEY }),
  });
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TwoFactorDisable) =>
      api('/auth/two-factor/disable', { schema: NoContentSchema, method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TWO_FACTOR_KEY }),
  });
}

/** "Sign out everywhere": every session ends, this one too. */
export function useRevokeAllSessions() {
  return useMutation({
    mutationFn: () => api('/auth/sessions', { schema: SessionsRevokedSchema, method: 'DELETE' }),
  });
}
