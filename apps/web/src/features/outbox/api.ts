import type { OUTBOX_CHANNELS, OUTBOX_STATUSES, OutboxMessage, Page } from '@bancada/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

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
    queryFn: ({ signal }) => api<Page<OutboxMessage>>('/outbox', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
