import {
  AnonymiseResultSchema,
  type ConsentChannel,
  ConsentReportSchema,
  type ConsentReportState,
  type DataExportFormat,
  type IncidentCreate,
  IncidentListSchema,
  IncidentSchema,
  type IncidentUpdate,
  PolicyVersionListSchema,
  PolicyVersionSchema,
  PublicPolicySchema,
  type RetentionPreviewBody,
  RetentionPreviewSchema,
  RetentionRunSchema,
  RetentionSettingsSchema,
  type RetentionSettingsUpdate,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile, apiRequest } from '../../app/api';

export function useIncidents() {
  return useQuery({
    queryKey: ['privacy', 'incidents'],
    queryFn: ({ signal }) => api('/privacy/incidents', { schema: IncidentListSchema, signal }),
  });
}

export function useSaveIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: IncidentCreate | IncidentUpdate }) =>
      input.id
        ? api(`/privacy/incidents/${input.id}`, {
            schema: IncidentSchema,
            method: 'PATCH',
            body: input.body,
            headers: { 'If-Match': `"${input.version}"` },
          })
        : api('/privacy/incidents', { schema: IncidentSchema, method: 'POST', body: input.body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy', 'incidents'] }),
  });
}

export function useRetention() {
  return useQuery({
    queryKey: ['privacy', 'retention'],
    queryFn: ({ signal }) => apiRequest('/privacy/retention', { schema: RetentionSettingsSchema, signal }),
  });
}

export function useSaveRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { etag: string | null; body: RetentionSettingsUpdate }) =>
      api('/privacy/retention', {
        schema: RetentionSettingsSchema,
        method: 'PUT',
        body: input.body,
        headers: input.etag ? { 'If-Match': input.etag } : {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy', 'retention'] }),
  });
}

export function usePreviewRetention() {
  return useMutation({
    mutationFn: (body: RetentionPreviewBody) =>
      api('/privacy/retention/preview', { schema: RetentionPreviewSchema, method: 'POST', body }),
  });
}

export function useRunRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('/privacy/retention/run', { schema: RetentionRunSchema, method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy', 'retention'] }),
  });
}

export interface ConsentFilters {
  purpose: ConsentChannel;
  state?: ConsentReportState;
  page: number;
  pageSize: number;
}

export function useConsentReport(filters: ConsentFilters) {
  return useQuery({
    queryKey: ['privacy', 'consents', filters],
    queryFn: ({ signal }) =>
      api('/privacy/consents', { schema: ConsentReportSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function downloadConsentReport(filters: Pick<ConsentFilters, 'purpose' | 'state'>) {
  return apiFile('/privacy/consents/export', { query: { ...filters }, headers: { Accept: 'text/csv' } });
}

export function usePolicyVersions() {
  return useQuery({
    queryKey: ['privacy', 'policy'],
    queryFn: ({ signal }) => api('/privacy/policy', { schema: PolicyVersionListSchema, signal }),
  });
}

export function usePolicyVersion(version: number | null) {
  return useQuery({
    queryKey: ['privacy', 'policy', version],
    queryFn: ({ signal }) =>
      api(`/privacy/policy/versions/${version}`, { schema: PolicyVersionSchema, signal }),
    enabled: version !== null,
  });
}

export function usePublishPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api('/privacy/policy', { schema: PolicyVersionSchema, method: 'POST', body: { body } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy', 'policy'] }),
  });
}

export function usePublicPolicy(organization: string | null) {
  return useQuery({
    queryKey: ['public-privacy-policy', organization],
    queryFn: ({ signal }) =>
      api('/public/privacy-policy', {
        schema: PublicPolicySchema,
        query: { organization },
        auth: false,
        signal,
      }),
    retry: false,
  });
}

export function downloadCustomerData(customerId: string, format: DataExportFormat) {
  return apiFile(`/customers/${customerId}/data-export`, {
    query: { format },
    headers: { Accept: format === 'csv' ? 'text/csv' : 'application/json' },
  });
}

export function useAnonymiseCustomer(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api(`/customers/${customerId}/anonymise`, {
        schema: AnonymiseResultSchema,
        method: 'POST',
        body: { reason },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['customers'] }),
  });
}
