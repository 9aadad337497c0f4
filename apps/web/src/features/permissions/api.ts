import { type PermissionGrantsUpdate, PermissionMatrixSchema } from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { ME_QUERY_KEY } from '../../app/auth';

const MATRIX_KEY = ['permissions', 'matrix'] as const;

export function usePermissionMatrix() {
  return useQuery({
    queryKey: MATRIX_KEY,
    queryFn: ({ signal }) => api('/permissions', { schema: PermissionMatrixSchema, signal }),
  });
}

/** Roles for a permission, or null to restore its default grant. */
export type Grants = PermissionGrantsUpdate['grants'];

export function useUpdateGrants() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grants: Grants) =>
      api('/permissions', { schema: PermissionMatrixSchema, method: 'PUT', body: { grants } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MATRIX_KEY });
      // the signed-in user's own permissions may have changed
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}
