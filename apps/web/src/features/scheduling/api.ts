import {
  type Appointment,
  type AppointmentAction,
  AppointmentArrivalSchema,
  AppointmentCalendarSchema,
  type AppointmentCreate,
  AppointmentDetailSchema,
  AppointmentSchema,
  type AppointmentUpdate,
  type BayCreate,
  BayListSchema,
  BaySchema,
  type BayUpdate,
  CapacitySchema,
  type HolidayCreate,
  HolidayListSchema,
  HolidaySchema,
  NoContentSchema,
  SlotListSchema,
  UserPageSchema,
  type WorkingHours,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned } from '../../app/api';
import { useAuth } from '../../app/auth';

/** Every key starts with 'appointments', so one invalidation refreshes the calendar, the strip and the drawers. */
export const schedulingKeys = {
  all: ['appointments'] as const,
  calendar: (query: CalendarQuery) => ['appointments', 'calendar', query] as const,
  capacity: (date: string) => ['appointments', 'capacity', date] as const,
  detail: (id: string) => ['appointments', 'detail', id] as const,
  slots: (query: SlotSearch) => ['appointments', 'slots', query] as const,
  bays: ['bays'] as const,
  holidays: (year: number) => ['holidays', year] as const,
  technicians: ['appointments', 'technicians'] as const,
};

export interface CalendarQuery {
  from: string;
  to: string;
  technicianId?: string;
  bayId?: string;
}

export function useCalendar(query: CalendarQuery) {
  return useQuery({
    queryKey: schedulingKeys.calendar(query),
    queryFn: ({ signal }) =>
      api('/appointments', { schema: AppointmentCalendarSchema, query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCapacity(date: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: schedulingKeys.capacity(date),
    queryFn: ({ signal }) =>
      api('/appointments/capacity', { schema: CapacitySchema, query: { date }, signal }),
    enabled,
  });
}

export interface SchedulingTechnician {
  id: string;
  name: string;
  /** null: not known to this user (their role may not read the staff list) */
  workingHours: WorkingHours | null;
}

/**
 * The technicians as the calendar's columns: with their working hours for those who may read the
 * staff list; otherwise the names the capacity figures carry (no shading of working hours).
 */
export function useSchedulingTechnicians(date: string) {
  const { can } = useAuth();
  const readsUsers = can('users:read');
  const capacity = useCapacity(date, { enabled: !readsUsers });
  const users = useQuery({
    queryKey: [...schedulingKeys.technicians, 'users'],
    queryFn: ({ signal }) =>
      api('/users', {
        schema: UserPageSchema,
        query: { role: 'TECHNICIAN', active: 'true', pageSize: 200 },
        signal,
      }),
    enabled: readsUsers,
    staleTime: 5 * 60_000,
  });
  const technicians: SchedulingTechnician[] | undefined = readsUsers
    ? users.data?.items.map((user) => ({ id: user.id, name: user.name, workingHours: user.workingHours }))
    : capacity.data?.technicians.map((tech) => ({
        id: tech.technicianId,
        name: tech.name,
        workingHours: null,
      }));
  return { technicians, query: readsUsers ? users : capacity };
}

export function useAppointment(id: string | null) {
  return useQuery({
    queryKey: schedulingKeys.detail(id ?? ''),
    queryFn: () => getVersioned(`/appointments/${id}`, AppointmentDetailSchema),
    enabled: id !== null,
    staleTime: 0,
  });
}

export interface SlotSearch {
  serviceIds: string[];
  technicianId?: string | null;
  bayId?: string | null;
  from: string;
  to: string;
}

export function useFreeSlots(search: SlotSearch | null) {
  return useQuery({
    queryKey: schedulingKeys.slots(search ?? { serviceIds: [], from: '', to: '' }),
    queryFn: ({ signal }) =>
      api('/appointments/slots', {
        schema: SlotListSchema,
        query: {
          serviceIds: search?.serviceIds.join(','),
          technicianId: search?.technicianId,
          bayId: search?.bayId,
          from: search?.from,
          to: search?.to,
          limit: 40,
        },
        signal,
      }),
    enabled: search !== null && search.serviceIds.length > 0,
    staleTime: 0,
  });
}

function useInvalidateAppointments() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: schedulingKeys.all });
}

export function useCreateAppointment() {
  const invalidate = useInvalidateAppointments();
  return useMutation({
    mutationFn: (body: AppointmentCreate) =>
      api('/appointments', { schema: AppointmentSchema, method: 'POST', body }),
    onSettled: invalidate,
  });
}

/** Reschedule with If-Match: the appointment's version as the calendar read it. */
export function useRescheduleAppointment() {
  const invalidate = useInvalidateAppointments();
  return useMutation({
    mutationFn: ({ appointment, change }: { appointment: Appointment; change: AppointmentUpdate }) =>
      patchVersioned(
        `/appointments/${appointment.id}`,
        `"${appointment.version}"`,
        change,
        AppointmentSchema,
      ),
    // a refused move leaves the block where it was, but someone may have moved it meanwhile
    onSettled: invalidate,
  });
}

/** confirm, no-show and cancel answer the appointment; arrive answers the order it opened. */
export function useAppointmentAction() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateAppointments();
  return useMutation({
    mutationFn: async ({
      id,
      action,
      reason,
    }: {
      id: string;
      action: AppointmentAction;
      reason?: string;
    }): Promise<{ repairId: string | null }> => {
      if (action === 'arrive') {
        return api(`/appointments/${id}/arrive`, {
          schema: AppointmentArrivalSchema,
          method: 'POST',
          body: {},
        });
      }
      const body = action === 'cancel' ? { reason: reason?.trim() || null } : {};
      await api(`/appointments/${id}/${action}`, { schema: AppointmentSchema, method: 'POST', body });
      return { repairId: null };
    },
    onSettled: (result) => {
      void invalidate();
      // the order opened on arrival shows on the board
      if (result?.repairId) void queryClient.invalidateQueries({ queryKey: ['repairs'] });
    },
  });
}

export function useBays({ includeInactive = false }: { includeInactive?: boolean } = {}) {
  return useQuery({
    queryKey: [...schedulingKeys.bays, includeInactive],
    queryFn: ({ signal }) =>
      api('/bays', {
        schema: BayListSchema,
        query: includeInactive ? {} : { active: 'true' },
        signal,
      }),
    staleTime: 60_000,
  });
}

export function useCreateBay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BayCreate) => api('/bays', { schema: BaySchema, method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schedulingKeys.bays }),
  });
}

export function useUpdateBay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, change }: { id: string; version: number; change: BayUpdate }) =>
      patchVersioned(`/bays/${id}`, `"${version}"`, change, BaySchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schedulingKeys.bays }),
  });
}

export function useHolidays(year: number) {
  return useQuery({
    queryKey: schedulingKeys.holidays(year),
    queryFn: ({ signal }) =>
      api('/holidays', {
        schema: HolidayListSchema,
        query: { from: `${year}-01-01`, to: `${year}-12-31` },
        signal,
      }),
  });
}

export function useCreateHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HolidayCreate) => api('/holidays', { schema: HolidaySchema, method: 'POST', body }),
    // the free slots and the capacity change with the calendar
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['holidays'] }),
        queryClient.invalidateQueries({ queryKey: schedulingKeys.all }),
      ]),
  });
}

export function useDeleteHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/holidays/${id}`, { schema: NoContentSchema, method: 'DELETE' }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['holidays'] }),
        queryClient.invalidateQueries({ queryKey: schedulingKeys.all }),
      ]),
  });
}
