import type {
  Component,
  ComponentCreate,
  ComponentListQuery,
  ComponentUpdate,
  Page,
  StockAdjustment,
  StockMovement,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned, type Versioned } from '../../app/api';

/** The list's filters as they travel in the query string (booleans as 'true'). */
export type ComponentFilters = Omit<ComponentListQuery, 'page' | 'pageSize' | 'belowMinimum' | 'active'> & {
  belowMinimum?: 'true';
  page: number;
  pageSize: number;
};

export const componentKeys = {
  all: ['components'] as const,
  lists: ['components', 'list'] as const,
  list: (filters: ComponentFilters) => ['components', 'list', filters] as const,
  belowMinimumCount: ['components', 'list', 'below-minimum-count'] as const,
  categories: ['components', 'categories'] as const,
  detail: (id: string) => ['components', 'detail', id] as const,
  movements: (id: string, page: number) => ['components', 'movements', id, page] as const,
  allMovements: (id: string) => ['components', 'movements', id] as const,
};

export function useComponents(filters: ComponentFilters) {
  return useQuery({
    queryKey: componentKeys.list(filters),
    queryFn: ({ signal }) => api<Page<Component>>('/components', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** How many active components sit below their minimum, for the filter's badge. */
export function useBelowMinimumCount() {
  return useQuery({
    queryKey: componentKeys.belowMinimumCount,
    queryFn: async ({ signal }) =>
      (
        await api<Page<Component>>('/components', {
          query: { belowMinimum: 'true', active: 'true', pageSize: 1 },
          signal,
        })
      ).total,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: componentKeys.categories,
    queryFn: async ({ signal }) =>
      (await api<{ items: string[] }>('/components/categories', { signal })).items,
  });
}

export function useComponent(id: string) {
  return useQuery({
    queryKey: componentKeys.detail(id),
    queryFn: () => getVersioned<Component>(`/components/${encodeURIComponent(id)}`),
    staleTime: 0,
  });
}

export function useMovements(id: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: componentKeys.movements(id, page),
    queryFn: ({ signal }) =>
      api<Page<StockMovement>>(`/components/${encodeURIComponent(id)}/movements`, {
        query: { page, pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

function invalidateLists(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: componentKeys.lists });
  void queryClient.invalidateQueries({ queryKey: componentKeys.categories });
  // reorder suggestions follow the stock
  void queryClient.invalidateQueries({ queryKey: ['purchase-orders', 'suggestions'] });
}

export function useCreateComponent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComponentCreate) => api<Component>('/components', { method: 'POST', body }),
    onSuccess: () => invalidateLists(queryClient),
  });
}

export function useUpdateComponent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: ComponentUpdate }) =>
      patchVersioned<Component>(`/components/${encodeURIComponent(id)}`, etag, body),
    onSuccess: (result: Versioned<Component>) => {
      queryClient.setQueryData(componentKeys.detail(id), result);
      invalidateLists(queryClient);
    },
  });
}

export function useAdjustStock(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StockAdjustment) =>
      api<unknown>(`/components/${encodeURIComponent(id)}/adjustments`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: componentKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: componentKeys.allMovements(id) });
      invalidateLists(queryClient);
    },
  });
}
