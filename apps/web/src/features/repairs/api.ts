import {
  ComponentPageSchema,
  type REPAIR_SORTS,
  type RepairCreate,
  RepairPageSchema,
  type RepairPriority,
  RepairSchema,
  type RepairStatus,
  RepairTimeSchema,
  type RepairTransition,
  RepairWithWarningsSchema,
  type ServiceType,
  TechnicianSuggestionListSchema,
  TimeEntrySchema,
  UserPageSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useAuth, useShopTimeZone } from '../../app/auth';
import { repairListParams } from './list-query';

export type RepairSort = (typeof REPAIR_SORTS)[number];

/** The list's and the board's filters as they travel in the query string. */
export interface RepairFilters {
  status?: RepairStatus[];
  customerId?: string;
  assetId?: string;
  /** a technician's id, or `me` */
  technicianId?: string;
  serviceType?: ServiceType;
  priority?: RepairPriority;
  /** received on or after / on or before: days (YYYY-MM-DD) on the shop's calendar, both included */
  from?: string;
  to?: string;
  open?: 'true';
  overdue?: 'true';
  q?: string;
  sort?: RepairSort;
  page: number;
  pageSize: number;
}

/** Every key starts with 'repairs', so the live updates (app/live.ts) refresh them all. */
export const repairKeys = {
  all: ['repairs'] as const,
  lists: ['repairs', 'list'] as const,
  list: (filters: RepairFilters, timeZone?: string) =>
    ['repairs', 'list', filters, timeZone ?? null] as const,
  detail: (id: string) => ['repairs', 'detail', id] as const,
  time: (id: string) => ['repairs', 'time', id] as const,
  technicians: ['repairs', 'technicians'] as const,
};

/**
 * The query behind useRepairs, for pages that need several lists at once (the board's columns).
 * `timeZone` is the shop's: the days from and to are days on its calendar.
 */
export function repairListQuery(filters: RepairFilters, timeZone?: string) {
  return {
    queryKey: repairKeys.list(filters, timeZone),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api('/repairs', { schema: RepairPageSchema, query: repairListParams(filters, timeZone), signal }),
    placeholderData: keepPreviousData,
  };
}

export function useRepairs(filters: RepairFilters, { enabled = true }: { enabled?: boolean } = {}) {
  const timeZone = useShopTimeZone();
  return useQuery({ ...repairListQuery(filters, timeZone), enabled });
}

/** After any change of an order every list, board column and page showing it may be stale. */
function invalidateRepairs(queryClient: ReturnType<typeof useQueryClient>) {
  return queryClient.invalidateQueries({ queryKey: repairKeys.all });
}

/** seed 004: POST /repairs, with one Idempotency-Key per submission (reused when retried). */
export function useCreateRepair() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: RepairCreate; idempotencyKey: string }) =>
      api('/repairs', {
        schema: RepairSchema,
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (repair) => {
      void invalidateRepairs(queryClient);
      // the parts were taken out of the available stock
      if (repair.parts.length > 0) void queryClient.invalidateQueries({ queryKey: ['components'] });
      void queryClient.invalidateQueries({ queryKey: ['customers', 'history', repair.customerId] });
    },
  });
}

export function useTransitionRepair() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RepairTransition & { id: string }) =>
      api(`/repairs/${id}/status`, { schema: RepairWithWarningsSchema, method: 'POST', body }),
    // stock moves with some statuses (consumed when finished, released when cancelled)
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['components'] }),
    // a refused move leaves the order where it was, but someone may have moved it meanwhile
    onSettled: () => invalidateRepairs(queryClient),
  });
}

export function useRepairTime(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: repairKeys.time(id),
    queryFn: ({ signal }) => api(`/repairs/${id}/time`, { schema: RepairTimeSchema, signal }),
    enabled,
  });
}

export function useStartTimer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ repairId, serviceLineId }: { repairId: string; serviceLineId?: string | null }) =>
      api(`/repairs/${repairId}/timers/start`, {
        schema: TimeEntrySchema,
        method: 'POST',
        body: serviceLineId ? { serviceLineId } : {},
      }),
    onSettled: (_entry, _error, { repairId }) =>
      queryClient.invalidateQueries({ queryKey: repairKeys.time(repairId) }),
  });
}

export function useStopTimer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ repairId }: { repairId: string }) =>
      api(`/repairs/${repairId}/timers/stop`, { schema: TimeEntrySchema, method: 'POST', body: {} }),
    onSettled: (_entry, _error, { repairId }) =>
      queryClient.invalidateQueries({ queryKey: repairKeys.time(repairId) }),
  });
}

export interface TechnicianOption {
  value: string;
  label: string;
}

/**
 * The technicians to filter or assign by. Those who may read users get the staff list; others the
 * suggestions (which every order screen may read); either way an empty list is not an error.
 */
export function useTechnicianOptions() {
  const { can } = useAuth();
  const readsUsers = can('users:read');
  return useQuery({
    queryKey: [...repairKeys.technicians, readsUsers],
    queryFn: async ({ signal }): Promise<TechnicianOption[]> => {
      if (readsUsers) {
        const page = await api('/users', {
          schema: UserPageSchema,
          query: { role: 'TECHNICIAN', active: 'true', pageSize: 200 },
          signal,
        });
        return page.items.map((user) => ({ value: user.id, label: user.name }));
      }
      const list = await api('/technicians/suggestions', { schema: TechnicianSuggestionListSchema, signal });
      return list.items.map((tech) => ({ value: tech.id, label: tech.name }));
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Active components for the order's part picker (seed 004: search by name, code or description). */
export function useComponentPicker(q: string) {
  return useQuery({
    // under ['components', 'list'], so stock changes refresh it
    queryKey: ['components', 'list', 'repair-picker', q],
    queryFn: ({ signal }) =>
      api('/components', {
        schema: ComponentPageSchema,
        query: { q: q || undefined, active: 'true', pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
