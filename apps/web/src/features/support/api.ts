import {
  type FaqArticle,
  type FaqArticleCreate,
  FaqArticleListSchema,
  FaqArticleSchema,
  type FaqArticleUpdate,
  type FaqKind,
  type Locale,
  NoContentSchema,
  TechnicianSuggestionListSchema,
  type TicketCreate,
  TicketDetailSchema,
  type TicketMessageCreate,
  TicketMessageSchema,
  TicketPageSchema,
  type TicketPriority,
  type TicketStatus,
  type TicketUpdate,
  UserPageSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getVersioned, patchVersioned } from '../../app/api';
import { useAuth } from '../../app/auth';

export const supportKeys = {
  tickets: ['tickets'] as const,
  ticketList: (filters: TicketFilters) => ['tickets', 'list', filters] as const,
  ticket: (id: string) => ['tickets', 'detail', id] as const,
  faq: ['faq'] as const,
  faqList: (filters: FaqFilters) => ['faq', 'list', filters] as const,
  assignees: ['tickets', 'assignees'] as const,
};

export interface TicketFilters {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string;
  customerId?: string;
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export function useTickets(filters: TicketFilters) {
  return useQuery({
    queryKey: supportKeys.ticketList(filters),
    queryFn: ({ signal }) => api('/tickets', { schema: TicketPageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: supportKeys.ticket(id),
    queryFn: () => getVersioned(`/tickets/${id}`, TicketDetailSchema),
    staleTime: 0,
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketCreate) => api('/tickets', { schema: TicketDetailSchema, method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.tickets }),
  });
}

/** A change with the ETag the page showed (412 when someone changed it first). */
export function useUpdateTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: TicketUpdate }) =>
      patchVersioned(`/tickets/${id}`, etag, body, TicketDetailSchema),
    onSuccess: (saved) => {
      queryClient.setQueryData(supportKeys.ticket(id), saved);
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

export function useAddTicketMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketMessageCreate) =>
      api(`/tickets/${id}/messages`, { schema: TicketMessageSchema, method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.tickets }),
  });
}

export interface AssigneeOption {
  value: string;
  label: string;
}

/**
 * Who a ticket may be assigned to. Those who may read users get every active staff member; others the
 * technicians' suggestions (what every order screen reads) and themselves.
 */
export function useAssigneeOptions() {
  const { can, me } = useAuth();
  const readsUsers = can('users:read');
  return useQuery({
    queryKey: [...supportKeys.assignees, readsUsers],
    queryFn: async ({ signal }): Promise<AssigneeOption[]> => {
      if (readsUsers) {
        const page = await api('/users', {
          schema: UserPageSchema,
          query: { active: 'true', pageSize: 200 },
          signal,
        });
        return page.items
          .filter((user) => user.role !== 'CUSTOMER')
          .map((user) => ({ value: user.id, label: user.name }));
      }
      const options = [{ value: me.id, label: me.name }];
      if (can('repairs:read')) {
        const list = await api('/technicians/suggestions', {
          schema: TechnicianSuggestionListSchema,
          signal,
        });
        for (const tech of list.items) {
          if (tech.id !== me.id) options.push({ value: tech.id, label: tech.name });
        }
      }
      return options;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export interface FaqFilters {
  kind?: FaqKind;
  locale?: Locale;
  published?: boolean;
  q?: string;
}

export function useFaqArticles(filters: FaqFilters) {
  return useQuery({
    queryKey: supportKeys.faqList(filters),
    queryFn: async ({ signal }) =>
      (await api('/faq', { schema: FaqArticleListSchema, query: { ...filters }, signal })).items,
    placeholderData: keepPreviousData,
  });
}

function useFaqMutation<Args>(request: (args: Args) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.faq }),
  });
}

export function useCreateFaq() {
  return useFaqMutation((body: FaqArticleCreate) =>
    api('/faq', { schema: FaqArticleSchema, method: 'POST', body }),
  );
}

export function useUpdateFaq() {
  return useFaqMutation(({ article, body }: { article: FaqArticle; body: FaqArticleUpdate }) =>
    patchVersioned(`/faq/${article.id}`, `"${article.version}"`, body, FaqArticleSchema),
  );
}

export function useDeleteFaq() {
  return useFaqMutation((article: FaqArticle) =>
    api(`/faq/${article.id}`, {
      schema: NoContentSchema,
      method: 'DELETE',
      headers: { 'If-Match': `"${article.version}"` },
    }),
  );
}
