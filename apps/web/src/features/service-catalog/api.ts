import {
  type ServiceCatalogCreate,
  type ServiceCatalogItem,
  ServiceCatalogItemSchema,
  ServiceCatalogPageSchema,
  type ServiceCatalogUpdate,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned, type Versioned } from '../../app/api';

export interface ServiceCatalogFilters {
  q?: string;
  active?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export const serviceCatalogKeys = {
  all: ['service-catalog'] as const,
  lists: ['service-catalog', 'list'] as const,
  list: (filters: ServiceCatalogFilters) => ['service-catalog', 'list', filters] as const,
  detail: (id: string) => ['service-catalog', 'detail', id] as const,
};

export function useServiceCatalog(filters: ServiceCatalogFilters, { enabled = true } = {}) {
  return useQuery({
    queryKey: serviceCatalogKeys.list(filters),
    queryFn: ({ signal }) =>
      api('/service-catalog', { schema: ServiceCatalogPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useServiceCatalogItem(id: string | null) {
  return useQuery({
    queryKey: serviceCatalogKeys.detail(id ?? ''),
    queryFn: () => getVersioned(`/service-catalog/${id}`, ServiceCatalogItemSchema),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useCreateServiceCatalogItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceCatalogCreate) =>
      api('/service-catalog', { schema: ServiceCatalogItemSchema, method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: serviceCatalogKeys.lists }),
  });
}

export function useUpdateServiceCatalogItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: ServiceCatalogUpdate }) =>
      patchVersioned(`/service-catalog/${id}`, etag, body, ServiceCatalogItemSchema),
    onSuccess: (result: Versioned<ServiceCatalogItem>) => {
      queryClient.setQueryData(serviceCatalogKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: serviceCatalogKeys.lists });
    },
  });
}
