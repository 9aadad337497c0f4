import {
  type Asset,
  AssetSchema,
  type AssetTransfer,
  type AssetUpdate,
  HistorySchema,
  NoContentSchema,
  type ReadingCreate,
  ReadingListSchema,
  ReadingSchema,
} from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile, getVersioned, patchVersioned, type Versioned } from '../../app/api';
import { customerKeys } from '../customers/api';

export const assetKeys = {
  all: ['assets'] as const,
  detail: (id: string) => ['assets', 'detail', id] as const,
  readings: (id: string) => ['assets', 'readings', id] as const,
  history: (id: string) => ['assets', 'history', id] as const,
  label: (id: string) => ['assets', 'label', id] as const,
};

export function useAsset(id: string) {
  return useQuery({
    queryKey: assetKeys.detail(id),
    queryFn: () => getVersioned(`/assets/${id}`, AssetSchema),
    staleTime: 0,
  });
}

export function useReadings(id: string, enabled: boolean) {
  return useQuery({
    queryKey: assetKeys.readings(id),
    queryFn: ({ signal }) => api(`/assets/${id}/readings`, { schema: ReadingListSchema, signal }),
    enabled,
  });
}

export function useAssetHistory(id: string) {
  return useQuery({
    queryKey: assetKeys.history(id),
    queryFn: ({ signal }) => api(`/assets/${id}/history`, { schema: HistorySchema, signal }),
  });
}

/** The QR label image; fetched with the token, shown through an object URL. */
export function useAssetLabel(id: string) {
  return useQuery({
    queryKey: assetKeys.label(id),
    queryFn: async ({ signal }) => (await apiFile(`/assets/${id}/label`, { signal })).blob,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** An asset change shows on its owner's page, history and in the search box too. */
function invalidateAround(
  queryClient: ReturnType<typeof useQueryClient>,
  asset: Pick<Asset, 'id' | 'customerId'>,
) {
  void queryClient.invalidateQueries({ queryKey: assetKeys.history(asset.id) });
  void queryClient.invalidateQueries({ queryKey: customerKeys.assets(asset.customerId) });
  void queryClient.invalidateQueries({ queryKey: customerKeys.history(asset.customerId) });
  void queryClient.invalidateQueries({ queryKey: customerKeys.detail(asset.customerId) });
  void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
  void queryClient.invalidateQueries({ queryKey: ['search'] });
}

export function useUpdateAsset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: AssetUpdate }) =>
      patchVersioned(`/assets/${id}`, etag, body, AssetSchema),
    onSuccess: (result: Versioned<Asset>) => {
      queryClient.setQueryData(assetKeys.detail(id), result);
      invalidateAround(queryClient, result.data);
    },
  });
}

export function useDeleteAsset(asset: Pick<Asset, 'id' | 'customerId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) =>
      api(`/assets/${asset.id}`, {
        schema: NoContentSchema,
        method: 'DELETE',
        headers: { 'If-Match': etag },
      }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: assetKeys.detail(asset.id) });
      invalidateAround(queryClient, asset);
    },
  });
}

export function useAddReading(asset: Pick<Asset, 'id' | 'customerId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReadingCreate) =>
      api(`/assets/${asset.id}/readings`, { schema: ReadingSchema, method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assetKeys.readings(asset.id) });
      void queryClient.invalidateQueries({ queryKey: assetKeys.detail(asset.id) });
      invalidateAround(queryClient, asset);
    },
  });
}

export function useTransferAsset(asset: Pick<Asset, 'id' | 'customerId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssetTransfer) =>
      api(`/assets/${asset.id}/transfer`, { schema: AssetSchema, method: 'POST', body }),
    onSuccess: (moved) => {
      void queryClient.invalidateQueries({ queryKey: assetKeys.detail(asset.id) });
      invalidateAround(queryClient, asset);
      invalidateAround(queryClient, moved);
    },
  });
}
