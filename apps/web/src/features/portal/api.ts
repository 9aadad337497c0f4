import {
  type Appointment,
  AppointmentCalendarSchema,
  CustomerRepairSchema,
  type DataRequestCreate,
  DataRequestCreatedSchema,
  DataRequestListSchema,
  type DataRequestResolve,
  type DataRequestStatus,
  HistorySchema,
  type PortalAcceptInvitation,
  PortalAccountReadySchema,
  PortalInvitationSentSchema,
  PortalRegisterAcceptedSchema,
  type PortalRegisterParsed,
  PortalServiceListSchema,
  PortalShopSchema,
  type PortalVerifyEmail,
  StaffDataRequestPageSchema,
  StaffDataRequestSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile, getVersioned } from '../../app/api';
import { saveFile } from '../../app/download';
import { appointmentRanges } from './booking';

/**
 * The customer's portal (issue 15 §3). The customer's own records are read through the staff routes
 * that allow a CUSTOMER for their own ids (`customer: 'own'` in route-access.ts); what only the portal
 * has (sign-up, export, data requests) lives under /portal.
 */
export const portalKeys = {
  // under 'repairs': a live event about one of the customer's orders refreshes the list (app/live.ts)
  orders: (customerId: string) => ['repairs', 'portal-orders', customerId] as const,
  dataRequests: ['portal', 'data-requests'] as const,
  // under 'appointments': booking, rescheduling and cancelling (features/scheduling/api.ts) refresh it
  appointments: (customerId: string) => ['appointments', 'portal', customerId] as const,
  staffDataRequests: (status: DataRequestStatus | null, page: number) =>
    ['data-requests', status ?? 'all', page] as const,
};

// ------------------------------------------------------------------ the shop and one order

/** The shop's name and currency as the portal shows them (GET /portal/shop; the settings are staff-only). */
export function usePortalShop() {
  return useQuery({
    queryKey: ['portal', 'shop'] as const,
    queryFn: () => api('/portal/shop', { schema: PortalShopSchema }),
    staleTime: 5 * 60_000,
  });
}

export function usePortalCurrency(): string {
  return usePortalShop().data?.currency ?? 'BRL';
}

/** One of the customer's orders, in the customer's view (staff-only fields left out by the server). */
export function usePortalRepair(id: string) {
  return useQuery({
    // under 'repairs' like the list, so a live event about the order refreshes it
    queryKey: ['repairs', 'portal-order', id] as const,
    queryFn: () => getVersioned(`/repairs/${encodeURIComponent(id)}`, CustomerRepairSchema),
    staleTime: 0,
  });
}

// ------------------------------------------------------------------ signing up (no login)

export function useRegister() {
  return useMutation({
    mutationFn: (body: PortalRegisterParsed) =>
      api('/portal/register', { schema: PortalRegisterAcceptedSchema, method: 'POST', body, auth: false }),
  });
}

export function useVerifyEmail() {
  return useMutation({
    mutationFn: (body: PortalVerifyEmail) =>
      api('/portal/verify-email', { schema: PortalAccountReadySchema, method: 'POST', body, auth: false }),
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: PortalAcceptInvitation) =>
      api('/portal/accept-invitation', {
        schema: PortalAccountReadySchema,
        method: 'POST',
        body,
        auth: false,
      }),
  });
}

// ------------------------------------------------------------------ the signed-in customer

/** The customer's orders, newest first: the repair entries of their history. */
export function usePortalOrders(customerId: string) {
  return useQuery({
    queryKey: portalKeys.orders(customerId),
    queryFn: async ({ signal }) => {
      const history = await api(`/customers/${customerId}/history`, { schema: HistorySchema, signal });
      return history.items.flatMap((entry) =>
        entry.repair ? [{ ...entry.repair, at: entry.at, assetLabel: entry.assetLabel }] : [],
      );
    },
  });
}

export type PortalOrder = NonNullable<ReturnType<typeof usePortalOrders>['data']>[number];

/** The catalog services the customer may book (GET /portal/services: name, category, hours and price). */
export function usePortalServices() {
  return useQuery({
    queryKey: ['portal', 'services'] as const,
    queryFn: ({ signal }) => api('/portal/services', { schema: PortalServiceListSchema, signal }),
    staleTime: 5 * 60_000,
  });
}

/** The customer's appointments of the last and the next 60 days (the server answers their own only). */
export function usePortalAppointments(customerId: string) {
  return useQuery({
    queryKey: portalKeys.appointments(customerId),
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        appointmentRanges(new Date()).map((range) =>
          api('/appointments', { schema: AppointmentCalendarSchema, query: range, signal }),
        ),
      );
      const byId = new Map<string, Appointment>();
      for (const page of pages)
        for (const appointment of page.appointments) byId.set(appointment.id, appointment);
      return [...byId.values()];
    },
  });
}

export type ExportFormat = 'json' | 'csv';

/** "Download all my data" (LGPD art. 18 II/V): the file the server names, saved by the browser. */
export async function downloadMyData(format: ExportFormat): Promise<void> {
  const file = await apiFile('/portal/export', { query: { format } });
  saveFile(file.blob, file.filename ?? `my-data.${format}`);
}

export function useMyDataRequests() {
  return useQuery({
    queryKey: portalKeys.dataRequests,
    queryFn: ({ signal }) => api('/portal/data-requests', { schema: DataRequestListSchema, signal }),
  });
}

export function useCreateDataRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DataRequestCreate) =>
      api('/portal/data-requests', { schema: DataRequestCreatedSchema, method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.dataRequests }),
  });
}

// ------------------------------------------------------------------ staff

export function useInviteToPortal(customerId: string) {
  return useMutation({
    mutationFn: () =>
      api(`/customers/${customerId}/portal-invitation`, {
        schema: PortalInvitationSentSchema,
        method: 'POST',
        body: {},
      }),
  });
}

export function useStaffDataRequests(status: DataRequestStatus | null, page: number) {
  return useQuery({
    queryKey: portalKeys.staffDataRequests(status, page),
    queryFn: ({ signal }) =>
      api('/data-requests', {
        schema: StaffDataRequestPageSchema,
        query: { page, pageSize: 25, ...(status ? { status } : {}) },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useResolveDataRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DataRequestResolve }) =>
      api(`/data-requests/${id}/resolve`, { schema: StaffDataRequestSchema, method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['data-requests'] }),
  });
}
