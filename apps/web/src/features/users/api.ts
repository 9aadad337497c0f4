import type { Page, Role, User, UserCreate, UserUpdate } from '@bancada/shared';
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
    queryFn: ({ signal }) => api<Page<User>>('/users', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => getVersioned<User>(`/users/${id}`),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api<User>('/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: UserUpdate }) =>
      patchVersioned<User>(`/users/${id}`, etag, body),
    onSuccess: (result: Versioned<User>) => {
      queryClient.setQueryData(userKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}
