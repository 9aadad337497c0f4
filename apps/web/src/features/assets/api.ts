import type { Asset, AssetUpdate, History, Reading } from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile, getVersioned, patchVersioned, type Versioned } from '../../app/api';
import { customerKeys } from '../customers/api';

/** The body of POST /assets/:id/readings (ReadingCreateSchema's input). */
export interface ReadingCreate {
  value: number;
  readAt?: string;
  correction?: boolean;
  reason?: string | null;
}

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
    queryFn: () => getVersioned<Asset>(`/assets/${id}`),
    staleTime: 0,
  });
}

export function useReadings(id: string, enabled: boolean) {
  return useQuery({
    queryKey: assetKeys.readings(id),
    queryFn: ({ signal }) => api<Reading[]>(`/assets/${id}/readings`, { signal }),
    enabled,
  });
}

export function useAssetHistory(id: string) {
  return useQuery({
    queryKey: assetKeys.history(id),
    queryFn: ({ signal }) => api<History>(`/assets/${id}/history`, { signal }),
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
      patchVersioned<Asset>(`/assets/${id}`, etag, body),
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
      api<void>(`/assets/${asset.id}`, { method: 'DELETE', headers: { 'If-Match': etag } }),
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
      api<Reading>(`/assets/${asset.id}/readings`, { method: 'POST', body }),
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
    mutationFn: (body: { customerId: string; reason?: string | null }) =>
      api<Asset>(`/assets/${asset.id}/transfer`, { method: 'POST', body }),
    onSuccess: (moved) => {
      void queryClient.invalidateQueries({ queryKey: assetKeys.detail(asset.id) });
      invalidateAround(queryClient, asset);
      invalidateAround(queryClient, moved);
    },
  });
}
