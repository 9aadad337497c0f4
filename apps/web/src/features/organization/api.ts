import { BranchListSchema, OrganizationSchema, type OrganizationUpdate } from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned } from '../../app/api';
import { ME_QUERY_KEY, useAuth } from '../../app/auth';

export const organizationKeys = {
  settings: ['organization', 'settings'] as const,
  branches: ['organization', 'branches'] as const,
};

export function useOrganization() {
  return useQuery({
    queryKey: organizationKeys.settings,
    queryFn: () => getVersioned('/organization', OrganizationSchema),
    staleTime: 0,
  });
}

export function useBranches() {
  return useQuery({
    queryKey: organizationKeys.branches,
    queryFn: ({ signal }) => api('/organization/branches', { schema: BranchListSchema, signal }),
  });
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: OrganizationUpdate }) =>
      patchVersioned('/organization', etag, body, OrganizationSchema),
    onSuccess: (result) => {
      queryClient.setQueryData(organizationKeys.settings, result);
      // the header and home page show the name and vertical from `me`
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}

/** The shop's currency for amounts shown outside the settings page (BRL until it has loaded). */
export function useOrganizationCurrency(): string {
  const { can } = useAuth();
  const settings = useQuery({
    queryKey: organizationKeys.settings,
    queryFn: () => getVersioned('/organization', OrganizationSchema),
    enabled: can('organization:read'),
    staleTime: 5 * 60_000,
  });
  return settings.data?.data.currency ?? 'BRL';
}
