import { SearchResultSchema } from '@bancada/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Fewer characters than this match too much to be useful. */
export const MIN_SEARCH_LENGTH = 2;

export function useSearch(q: string, pageSize = 12) {
  return useQuery({
    queryKey: ['search', q, pageSize],
    queryFn: ({ signal }) => api('/search', { schema: SearchResultSchema, query: { q, pageSize }, signal }),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
