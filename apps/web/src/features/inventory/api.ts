import {
  CategoryListSchema,
  type Component,
  type ComponentCreate,
  type ComponentListQuery,
  ComponentPageSchema,
  ComponentSchema,
  type ComponentUpdate,
  type StockAdjustment,
  StockMovementPageSchema,
  StockMovementSchema,
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
    queryFn: ({ signal }) =>
      api('/components', { schema: ComponentPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** How many active components sit below their minimum, for the filter's badge. */
export function useBelowMinimumCount() {
  return useQuery({
    queryKey: componentKeys.belowMinimumCount,
    queryFn: async ({ signal }) =>
      (
        await api('/components', {
          schema: ComponentPageSchema,
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
      (await api('/components/categories', { schema: CategoryListSchema, signal })).items,
  });
}

export function useComponent(id: string) {
  return useQuery({
    queryKey: componentKeys.detail(id),
    queryFn: () => getVersioned(`/components/${encodeURIComponent(id)}`, ComponentSchema),
    staleTime: 0,
  });
}

export function useMovements(id: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: componentKeys.movements(id, page),
    queryFn: ({ signal }) =>
      api(`/components/${encodeURIComponent(id)}/movements`, {
        schema: StockMovementPageSchema,
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
    mutationFn: (body: ComponentCreate) =>
      api('/components', { schema: ComponentSchema, method: 'POST', body }),
    onSuccess: () => invalidateLists(queryClient),
  });
}

export function useUpdateComponent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: ComponentUpdate }) =>
      patchVersioned(`/components/${encodeURIComponent(id)}`, etag, body, ComponentSchema),
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
      api(`/components/${encodeURIComponent(id)}/adjustments`, {
        schema: StockMovementSchema,
        method: 'POST',
        body,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: componentKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: componentKeys.allMovements(id) });
      invalidateLists(queryClient);
    },
  });
}
