import { CalendarFeedSchema } from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/**
 * The signed-in person's iCalendar feed address: a staff member's at `/users/{id}/calendar-feed`, a
 * customer's at `/portal/calendar-feed`. Reading makes one on first use; replacing revokes the old one.
 */
export function calendarFeedPath(me: { id: string; role: string }): string {
  return me.role === 'CUSTOMER' ? '/portal/calendar-feed' : `/users/${me.id}/calendar-feed`;
}

const keyOf = (path: string) => ['calendar-feed', path] as const;

export function useCalendarFeed(path: string) {
  return useQuery({
    queryKey: keyOf(path),
    queryFn: ({ signal }) => api(path, { schema: CalendarFeedSchema, signal }),
  });
}

export function useReplaceCalendarFeed(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(path, { schema: CalendarFeedSchema, method: 'POST' }),
    onSuccess: (feed) => queryClient.setQueryData(keyOf(path), feed),
  });
}
