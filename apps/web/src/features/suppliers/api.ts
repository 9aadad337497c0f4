import {
  type Supplier,
  type SupplierCreate,
  SupplierPageSchema,
  SupplierSchema,
  type SupplierUpdate,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned, type Versioned } from '../../app/api';

export interface SupplierFilters {
  q?: string;
  page: number;
  pageSize: number;
}

export const supplierKeys = {
  all: ['suppliers'] as const,
  lists: ['suppliers', 'list'] as const,
  list: (filters: SupplierFilters) => ['suppliers', 'list', filters] as const,
  options: ['suppliers', 'options'] as const,
  detail: (id: string) => ['suppliers', 'detail', id] as const,
};

export function useSuppliers(filters: SupplierFilters) {
  return useQuery({
    queryKey: supplierKeys.list(filters),
    queryFn: ({ signal }) => api('/suppliers', { schema: SupplierPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Active suppliers as select options (a shop has tens of them, not thousands). */
export function useSupplierOptions(enabled = true) {
  return useQuery({
    queryKey: supplierKeys.options,
    queryFn: async ({ signal }) => {
      const page = await api('/suppliers', {
        schema: SupplierPageSchema,
        query: { active: 'true', pageSize: 200 },
        signal,
      });
      return page.items.map((supplier) => ({ value: supplier.id, label: supplier.name }));
    },
    enabled,
  });
}

export function useSupplier(id: string, enabled = true) {
  return useQuery({
    queryKey: supplierKeys.detail(id),
    queryFn: () => getVersioned(`/suppliers/${id}`, SupplierSchema),
    staleTime: 0,
    enabled,
  });
}

function invalidateLists(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: supplierKeys.lists });
  void queryClient.invalidateQueries({ queryKey: supplierKeys.options });
}

export function useCreateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SupplierCreate) => api('/suppliers', { schema: SupplierSchema, method: 'POST', body }),
    onSuccess: () => invalidateLists(queryClient),
  });
}

export function useUpdateSupplier(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: SupplierUpdate }) =>
      patchVersioned(`/suppliers/${id}`, etag, body, SupplierSchema),
    onSuccess: (result: Versioned<Supplier>) => {
      queryClient.setQueryData(supplierKeys.detail(id), result);
      invalidateLists(queryClient);
    },
  });
}
