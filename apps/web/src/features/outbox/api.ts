import { type OutboxChannel, OutboxPageSchema, type OutboxStatus } from '@bancada/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface OutboxFilters {
  channel?: OutboxChannel;
  status?: OutboxStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export function useOutbox(filters: OutboxFilters) {
  return useQuery({
    queryKey: ['outbox', filters],
    queryFn: ({ signal }) => api('/outbox', { schema: OutboxPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
