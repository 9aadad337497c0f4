import {
  type PurchaseOrder,
  PurchaseOrderPageSchema,
  PurchaseOrderSchema,
  type PurchaseOrderStatus,
  type PurchaseOrderUpdate,
  type Receipt,
  ReorderSuggestionListSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile, getVersioned, patchVersioned, type Versioned } from '../../app/api';
import { componentKeys } from '../inventory/api';

export interface PurchaseOrderFilters {
  status?: PurchaseOrderStatus;
  late?: 'true';
  page: number;
  pageSize: number;
}

export const purchaseOrderKeys = {
  all: ['purchase-orders'] as const,
  lists: ['purchase-orders', 'list'] as const,
  list: (filters: PurchaseOrderFilters) => ['purchase-orders', 'list', filters] as const,
  suggestions: ['purchase-orders', 'suggestions'] as const,
  detail: (id: string) => ['purchase-orders', 'detail', id] as const,
};

export function usePurchaseOrders(filters: PurchaseOrderFilters) {
  return useQuery({
    queryKey: purchaseOrderKeys.list(filters),
    queryFn: ({ signal }) =>
      api('/purchase-orders', { schema: PurchaseOrderPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReorderSuggestions(enabled = true) {
  return useQuery({
    queryKey: purchaseOrderKeys.suggestions,
    queryFn: async ({ signal }) =>
      (await api('/purchase-orders/suggestions', { schema: ReorderSuggestionListSchema, signal })).items,
    enabled,
    staleTime: 0,
  });
}

export function usePurchaseOrder(id: string) {
  return useQuery({
    queryKey: purchaseOrderKeys.detail(id),
    queryFn: () => getVersioned(`/purchase-orders/${id}`, PurchaseOrderSchema),
    staleTime: 0,
  });
}

/** Any change of an order moves the lists, the suggestions (quantities on order) and, on receipt, stock. */
function invalidateAround(queryClient: ReturnType<typeof useQueryClient>, id?: string) {
  void queryClient.invalidateQueries({ queryKey: purchaseOrderKeys.lists });
  void queryClient.invalidateQueries({ queryKey: purchaseOrderKeys.suggestions });
  if (id) void queryClient.invalidateQueries({ queryKey: purchaseOrderKeys.detail(id) });
}

export function useCreateFromSuggestions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (supplierId: string) =>
      api('/purchase-orders/from-suggestions', {
        schema: PurchaseOrderSchema,
        method: 'POST',
        body: { supplierId },
      }),
    onSuccess: () => invalidateAround(queryClient),
  });
}

export function useUpdatePurchaseOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: PurchaseOrderUpdate }) =>
      patchVersioned(`/purchase-orders/${id}`, etag, body, PurchaseOrderSchema),
    onSuccess: (result: Versioned<PurchaseOrder>) => {
      queryClient.setQueryData(purchaseOrderKeys.detail(id), result);
      invalidateAround(queryClient);
    },
  });
}

function usePurchaseOrderAction<Body>(id: string, action: 'send' | 'cancel' | 'receipts') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      api(`/purchase-orders/${id}/${action}`, { schema: PurchaseOrderSchema, method: 'POST', body }),
    onSuccess: () => {
      invalidateAround(queryClient, id);
      if (action === 'receipts') void queryClient.invalidateQueries({ queryKey: componentKeys.all });
      // the supplier's e-mail waits in the outbox
      if (action === 'send') void queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
}

export const useSendPurchaseOrder = (id: string) => usePurchaseOrderAction<Record<string, never>>(id, 'send');
export const useCancelPurchaseOrder = (id: string) =>
  usePurchaseOrderAction<Record<string, never>>(id, 'cancel');
export const useReceivePurchaseOrder = (id: string) => usePurchaseOrderAction<Receipt>(id, 'receipts');

/** The order as the supplier receives it. */
export function downloadPurchaseOrderPdf(id: string) {
  return apiFile(`/purchase-orders/${id}/pdf`, { headers: { Accept: 'application/pdf' } });
}
