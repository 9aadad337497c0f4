import {
  type AssetCreate,
  AssetPageSchema,
  AssetSchema,
  ConsentEventListSchema,
  type Customer,
  type CustomerCreate,
  type CustomerListQuery,
  CustomerPageSchema,
  CustomerSchema,
  type CustomerUpdate,
  HistorySchema,
  type ImportReport,
  ImportReportSchema,
  NoContentSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, apiFile, getVersioned, patchVersioned, type Versioned } from '../../app/api';

/** The list's filters as they travel in the query string. */
export type CustomerFilters = Omit<CustomerListQuery, 'page' | 'pageSize'> & {
  page: number;
  pageSize: number;
};

export const customerKeys = {
  all: ['customers'] as const,
  lists: ['customers', 'list'] as const,
  list: (filters: CustomerFilters) => ['customers', 'list', filters] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  assets: (id: string) => ['customers', 'assets', id] as const,
  history: (id: string) => ['customers', 'history', id] as const,
  consents: (id: string) => ['customers', 'consents', id] as const,
};

export function useCustomers(filters: CustomerFilters) {
  return useQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ signal }) => api('/customers', { schema: CustomerPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => getVersioned(`/customers/${id}`, CustomerSchema),
    staleTime: 0,
  });
}

export function useCustomerAssets(id: string) {
  return useQuery({
    queryKey: customerKeys.assets(id),
    // a customer with more than 200 assets is a fleet: the list shows the first 200
    queryFn: ({ signal }) =>
      api(`/customers/${id}/assets`, { schema: AssetPageSchema, query: { pageSize: 200 }, signal }),
  });
}

export function useCustomerHistory(id: string) {
  return useQuery({
    queryKey: customerKeys.history(id),
    queryFn: ({ signal }) => api(`/customers/${id}/history`, { schema: HistorySchema, signal }),
  });
}

export function useCustomerConsents(id: string) {
  return useQuery({
    queryKey: customerKeys.consents(id),
    queryFn: ({ signal }) => api(`/customers/${id}/consents`, { schema: ConsentEventListSchema, signal }),
  });
}

/** After any write the lists, the search box and the customer's own views may show old data. */
function invalidateCustomer(queryClient: ReturnType<typeof useQueryClient>, id?: string) {
  void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
  void queryClient.invalidateQueries({ queryKey: ['search'] });
  if (id) {
    void queryClient.invalidateQueries({ queryKey: customerKeys.consents(id) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.history(id) });
  }
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerCreate) => api('/customers', { schema: CustomerSchema, method: 'POST', body }),
    onSuccess: () => invalidateCustomer(queryClient),
  });
}

export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: CustomerUpdate }) =>
      patchVersioned(`/customers/${id}`, etag, body, CustomerSchema),
    onSuccess: (result: Versioned<Customer>) => {
      queryClient.setQueryData(customerKeys.detail(id), result);
      invalidateCustomer(queryClient, id);
    },
  });
}

export function useDeleteCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) =>
      api(`/customers/${id}`, { schema: NoContentSchema, method: 'DELETE', headers: { 'If-Match': etag } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(id) });
      invalidateCustomer(queryClient);
      void queryClient.invalidateQueries({ queryKey: ['assets'] });
    },
  });
}

export function useCreateAsset(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssetCreate) =>
      api(`/customers/${customerId}/assets`, { schema: AssetSchema, method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerKeys.assets(customerId) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      invalidateCustomer(queryClient, customerId);
    },
  });
}

/**
 * CSV import. A dry run answers the report; a real import answers it too, and when the file has
 * problems the server refuses the whole file (422) with the report in `details`.
 */
export function useImportCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ csv, dryRun }: { csv: string; dryRun: boolean }): Promise<ImportReport> => {
      try {
        return await api('/customers/import', {
          schema: ImportReportSchema,
          method: 'POST',
          query: { dryRun },
          raw: { contentType: 'text/csv', data: csv },
        });
      } catch (error) {
        const report = error instanceof ApiError ? error.detailsAs(ImportReportSchema) : null;
        if (report) return report;
        throw error;
      }
    },
    onSuccess: (report) => {
      if (!report.dryRun && report.invalid.length === 0) invalidateCustomer(queryClient);
    },
  });
}

/** The filtered list as a CSV file. */
export function exportCustomers(filters: Omit<CustomerFilters, 'page' | 'pageSize'>) {
  return apiFile('/customers/export', { query: { ...filters }, headers: { Accept: 'text/csv' } });
}
