import type { Permission, PermissionMatrix, Role } from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ME_QUERY_KEY } from '../../app/auth';

const MATRIX_KEY = ['permissions', 'matrix'] as const;

export function usePermissionMatrix() {
  return useQuery({
    queryKey: MATRIX_KEY,
    queryFn: ({ signal }) => api<PermissionMatrix>('/permissions', { signal }),
  });
}

/** Roles for a permission, or null to restore its default grant. */
export type Grants = Partial<Record<Permission, Role[] | null>>;

export function useUpdateGrants() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grants: Grants) => api<unknown>('/permissions', { method: 'PUT', body: { grants } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MATRIX_KEY });
      // the signed-in user's own permissions may have changed
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}
