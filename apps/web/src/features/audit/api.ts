import { AuditPageSchema } from '@bancada/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api('/audit', { schema: AuditPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
