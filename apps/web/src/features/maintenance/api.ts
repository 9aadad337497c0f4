import {
  type AssetKind,
  type MaintenancePlan,
  type MaintenancePlanCreate,
  MaintenancePlanListSchema,
  MaintenancePlanSchema,
  type MaintenancePlanUpdate,
  MaintenanceReminderPageSchema,
  type MaintenanceReminderStatus,
  MaintenanceTemplateListSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export const maintenanceKeys = {
  plans: (assetId: string) => ['maintenance', 'plans', assetId] as const,
  templates: (kind: AssetKind) => ['maintenance', 'templates', kind] as const,
  reminders: ['maintenance', 'reminders'] as const,
};

export function useMaintenancePlans(assetId: string) {
  return useQuery({
    queryKey: maintenanceKeys.plans(assetId),
    queryFn: ({ signal }) =>
      api(`/assets/${assetId}/maintenance-plans`, { schema: MaintenancePlanListSchema, signal }),
  });
}

export function useMaintenanceTemplates(kind: AssetKind, enabled: boolean) {
  return useQuery({
    queryKey: maintenanceKeys.templates(kind),
    queryFn: ({ signal }) =>
      api('/maintenance-templates', {
        schema: MaintenanceTemplateListSchema,
        query: { assetKind: kind },
        signal,
      }),
    enabled,
    staleTime: 60 * 60_000,
  });
}

export interface ReminderFilters {
  status?: MaintenanceReminderStatus | undefined;
  page: number;
  pageSize: number;
}

export function useMaintenanceReminders(filters: ReminderFilters) {
  return useQuery({
    queryKey: [...maintenanceKeys.reminders, filters],
    queryFn: ({ signal }) =>
      api('/maintenance-reminders', {
        schema: MaintenanceReminderPageSchema,
        query: { ...filters },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

function useRefreshPlans(assetId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: maintenanceKeys.plans(assetId) });
    void queryClient.invalidateQueries({ queryKey: maintenanceKeys.reminders });
  };
}

export function useCreatePlan(assetId: string) {
  const refresh = useRefreshPlans(assetId);
  return useMutation({
    mutationFn: (body: MaintenancePlanCreate) =>
      api(`/assets/${assetId}/maintenance-plans`, { schema: MaintenancePlanSchema, method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdatePlan(assetId: string) {
  const refresh = useRefreshPlans(assetId);
  return useMutation({
    mutationFn: ({
      plan,
      body,
    }: {
      plan: Pick<MaintenancePlan, 'id' | 'version'>;
      body: MaintenancePlanUpdate;
    }) =>
      api(`/maintenance-plans/${plan.id}`, {
        schema: MaintenancePlanSchema,
        method: 'PATCH',
        body,
        headers: { 'If-Match': `"${plan.version}"` },
      }),
    onSuccess: refresh,
  });
}

/**
 * A due date is a whole UTC day (the projection works in days): shown as that calendar day in any
 * time zone, read at its noon.
 */
export function dueDay(iso: string): string {
  return `${iso.slice(0, 10)}T12:00:00.000Z`;
}
