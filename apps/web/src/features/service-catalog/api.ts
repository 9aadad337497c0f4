import type { Page, ServiceCatalogCreate, ServiceCatalogItem, ServiceCatalogUpdate } from '@bancada/shared';
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
      api<Page<ServiceCatalogItem>>('/service-catalog', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useServiceCatalogItem(id: string | null) {
  return useQuery({
    queryKey: serviceCatalogKeys.detail(id ?? ''),
    queryFn: () => getVersioned<ServiceCatalogItem>(`/service-catalog/${id}`),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useCreateServiceCatalogItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceCatalogCreate) =>
      api<ServiceCatalogItem>('/service-catalog', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: serviceCatalogKeys.lists }),
  });
}

export function useUpdateServiceCatalogItem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: ServiceCatalogUpdate }) =>
      patchVersioned<ServiceCatalogItem>(`/service-catalog/${id}`, etag, body),
    onSuccess: (result: Versioned<ServiceCatalogItem>) => {
      queryClient.setQueryData(serviceCatalogKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: serviceCatalogKeys.lists });
    },
  });
}
