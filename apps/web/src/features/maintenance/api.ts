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
import { assetKeys } from '../assets/api';

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

/** A plan's change shows in the asset's plans, the reminders list and the asset's timeline. */
function useRefreshPlans(assetId: string) {
  const queryClient = useQueryClient();
  return (changedAssetId = assetId) => {
    void queryClient.invalidateQueries({ queryKey: maintenanceKeys.plans(changedAssetId) });
    void queryClient.invalidateQueries({ queryKey: maintenanceKeys.reminders });
    void queryClient.invalidateQueries({ queryKey: assetKeys.history(changedAssetId) });
  };
}

const postPlan = (assetId: string, body: MaintenancePlanCreate) =>
  api(`/assets/${assetId}/maintenance-plans`, { schema: MaintenancePlanSchema, method: 'POST', body });

export function useCreatePlan(assetId: string) {
  const refresh = useRefreshPlans(assetId);
  return useMutation({
    mutationFn: (body: MaintenancePlanCreate) => postPlan(assetId, body),
    onSuccess: () => refresh(),
  });
}

/** A plan for an asset chosen in the form (an order's service line may be for one of several). */
export function useCreatePlanFor() {
  const refresh = useRefreshPlans('');
  return useMutation({
    mutationFn: ({ assetId, body }: { assetId: string; body: MaintenancePlanCreate }) =>
      postPlan(assetId, body),
    onSuccess: (plan) => refresh(plan.assetId),
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
    onSuccess: () => refresh(),
  });
}

/**
 * A due date is a whole UTC day (the projection works in days): shown as that calendar day in any
 * time zone, read at its noon.
 */
export function dueDay(iso: string): string {
  return `${iso.slice(0, 10)}T12:00:00.000Z`;
}
