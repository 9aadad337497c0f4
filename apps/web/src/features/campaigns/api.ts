import {
  type CampaignCreate,
  CampaignListSchema,
  type CampaignPreviewBody,
  CampaignPreviewSchema,
  CampaignSchema,
  CampaignUnsubscribeSchema,
} from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

const keys = {
  all: ['campaigns'] as const,
  detail: (id: string) => ['campaigns', id] as const,
};

export function useCampaigns() {
  return useQuery({
    queryKey: keys.all,
    queryFn: ({ signal }) => api('/campaigns', { schema: CampaignListSchema, signal }),
  });
}

export function useCampaign(id: string | null) {
  return useQuery({
    queryKey: keys.detail(id ?? ''),
    queryFn: ({ signal }) => api(`/campaigns/${id}`, { schema: CampaignSchema, signal }),
    enabled: id !== null,
    // the counts move while the batches go out
    refetchInterval: (query) => (query.state.data?.status === 'sending' ? 5_000 : false),
  });
}

export function usePreviewCampaign() {
  return useMutation({
    mutationFn: (body: CampaignPreviewBody) =>
      api('/campaigns/preview', { schema: CampaignPreviewSchema, method: 'POST', body }),
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignCreate) => api('/campaigns', { schema: CampaignSchema, method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useSendCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/campaigns/${id}/send`, { schema: CampaignSchema, method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

const unsubscribePath = (token: string) => `/public/unsubscribe/${encodeURIComponent(token)}`;

export function useUnsubscribeInfo(token: string) {
  return useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: ({ signal }) =>
      api(unsubscribePath(token), { schema: CampaignUnsubscribeSchema, auth: false, signal }),
    retry: false,
    staleTime: 0,
  });
}

export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api(unsubscribePath(token), { schema: CampaignUnsubscribeSchema, method: 'POST', auth: false }),
    onSuccess: (data) => queryClient.setQueryData(['unsubscribe', token], data),
  });
}
