import {
  NoContentSchema,
  type Role,
  TwoFactorStatusSchema,
  type User,
  type UserCreate,
  UserPageSchema,
  UserSchema,
  type UserUpdate,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned, type Versioned } from '../../app/api';

export interface UserFilters {
  q?: string;
  role?: Role;
  active?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ signal }) => api('/users', { schema: UserPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => getVersioned(`/users/${id}`, UserSchema),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api('/users', { schema: UserSchema, method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: UserUpdate }) =>
      patchVersioned(`/users/${id}`, etag, body, UserSchema),
    onSuccess: (result: Versioned<User>) => {
      queryClient.setQueryData(userKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}

export function useUserTwoFactor(id: string) {
  return useQuery({
    queryKey: ['users', 'two-factor', id] as const,
    queryFn: ({ signal }) => api(`/users/${id}/two-factor`, { schema: TwoFactorStatusSchema, signal }),
  });
}

/** An administrator resets a user's second factor (a lost phone); audited on the server. */
export function useResetUserTwoFactor(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/users/${id}/two-factor`, { schema: NoContentSchema, method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', 'two-factor', id] }),
  });
}
