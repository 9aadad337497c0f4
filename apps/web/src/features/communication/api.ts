import {
  CommunicationStatusSchema,
  type ConversationMessage,
  ConversationMessageSchema,
  ConversationMessagesSchema,
  ConversationPageSchema,
  type ConversationReply,
  CustomerMessageListSchema,
  CustomerMessageSchema,
  type Locale,
  type MessageChannel,
  MessageTemplateListSchema,
  MessageTemplatePreviewSchema,
  MessageTemplateSchema,
  type MessageTemplateUpdate,
  type NotificationEvent,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, apiFile } from '../../app/api';

// live.ts invalidates ['conversations'] and ['repairs', <id>, 'messages'] when the socket hears of a
// new conversation message or a delivery status: these keys must stay under those prefixes
export const communicationKeys = {
  conversations: ['conversations'] as const,
  conversationList: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
  conversationOfCustomer: (customerId: string) => ['conversations', 'customer', customerId] as const,
  thread: (id: string) => ['conversations', id, 'messages'] as const,
  repairMessages: (repairId: string) => ['repairs', repairId, 'messages'] as const,
  templates: ['message-templates'] as const,
  status: ['communication', 'status'] as const,
};

export interface ConversationFilters {
  unread?: boolean;
  page: number;
  pageSize: number;
}

export function useConversations(filters: ConversationFilters) {
  return useQuery({
    queryKey: communicationKeys.conversationList(filters),
    queryFn: ({ signal }) =>
      api('/conversations', {
        schema: ConversationPageSchema,
        query: {
          page: filters.page,
          pageSize: filters.pageSize,
          unread: filters.unread ? 'true' : undefined,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The one conversation of a customer (null when they never wrote nor were written to). */
export function useCustomerConversation(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: communicationKeys.conversationOfCustomer(customerId),
    queryFn: async ({ signal }) => {
      const page = await api('/conversations', {
        schema: ConversationPageSchema,
        query: { customerId, page: 1, pageSize: 1 },
        signal,
      });
      return page.items[0] ?? null;
    },
    enabled,
  });
}

/** A conversation's messages; opening it marks it read, so the inbox's counts are refetched. */
export function useConversationThread(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: communicationKeys.thread(id ?? ''),
    queryFn: async ({ signal }) => {
      const thread = await api(`/conversations/${id}/messages`, {
        schema: ConversationMessagesSchema,
        signal,
      });
      // the list's unread badges: the server has just marked this one read
      void client.invalidateQueries({ queryKey: ['conversations', 'list'] });
      return thread;
    },
    enabled: id !== null,
  });
}

/**
 * multipart/form-data by hand: `api()` sends a Blob as it is, so the body carries its own boundary.
 * Text fields first: the server's streaming parser reads them before the files.
 */
function replyForm(body: ConversationReply, files: File[]): { contentType: string; data: Blob } {
  const boundary = `----bancada${crypto.randomUUID().replaceAll('-', '')}`;
  const quote = (value: string) => value.replace(/["\r\n]/g, '_');
  const parts: BlobPart[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  }
  for (const file of files) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${quote(file.name)}"\r\n` +
        `Content-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
      file,
      '\r\n',
    );
  }
  parts.push(`--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, data: new Blob(parts) };
}

/** A staff reply: JSON, or a form when photos or PDFs go with it. */
export function useReplyToConversation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      files = [],
      ...body
    }: ConversationReply & { files?: File[] }): Promise<ConversationMessage> =>
      files.length > 0
        ? api(`/conversations/${id}/messages`, {
            schema: ConversationMessageSchema,
            method: 'POST',
            raw: replyForm(body, files),
          })
        : api(`/conversations/${id}/messages`, { schema: ConversationMessageSchema, method: 'POST', body }),
    onSuccess: (_message, body) => {
      void client.invalidateQueries({ queryKey: communicationKeys.conversations });
      if (body.repairId)
        void client.invalidateQueries({ queryKey: communicationKeys.repairMessages(body.repairId) });
    },
  });
}

/** A conversation's file (an /api path that needs the token) as a Blob; a stored file never changes. */
export function attachmentFileQuery(url: string) {
  return {
    queryKey: ['conversation-attachment', url] as const,
    queryFn: async ({ signal }: { signal: AbortSignal }) =>
      (await apiFile(url.replace(/^\/api(?=\/)/, ''), { signal })).blob,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  };
}

/** An image's Blob for its thumbnail, fetched once it is ready. */
export function useAttachmentFile(url: string | null) {
  return useQuery({ ...attachmentFileQuery(url ?? ''), enabled: url !== null });
}

export function useRepairMessages(repairId: string, enabled = true) {
  return useQuery({
    queryKey: communicationKeys.repairMessages(repairId),
    queryFn: ({ signal }) =>
      api('/messages', { schema: CustomerMessageListSchema, query: { repairId }, signal }),
    enabled,
  });
}

/** The customer's replies (and staff answers) about an order, without marking the conversation read. */
export function useRepairReplies(repairId: string, enabled = true) {
  return useQuery({
    queryKey: [...communicationKeys.repairMessages(repairId), 'replies'] as const,
    queryFn: ({ signal }) =>
      api('/messages/replies', { schema: z.array(ConversationMessageSchema), query: { repairId }, signal }),
    enabled,
  });
}

export function useResendMessage(repairId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      api(`/messages/${messageId}/resend`, { schema: CustomerMessageSchema, method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: communicationKeys.repairMessages(repairId) }),
  });
}

export function useCommunicationStatus(enabled = true) {
  return useQuery({
    queryKey: communicationKeys.status,
    queryFn: ({ signal }) => api('/communication/status', { schema: CommunicationStatusSchema, signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Every event × channel × language (the shop's own text or the shipped one). */
export function useMessageTemplates() {
  return useQuery({
    queryKey: communicationKeys.templates,
    queryFn: ({ signal }) => api('/message-templates', { schema: MessageTemplateListSchema, signal }),
  });
}

export function useSaveMessageTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MessageTemplateUpdate) =>
      api('/message-templates', { schema: MessageTemplateSchema, method: 'PUT', body }),
    onSuccess: (saved) => {
      client.setQueryData(communicationKeys.templates, (list: unknown) =>
        Array.isArray(list)
          ? list.map((item) =>
              item.event === saved.event && item.channel === saved.channel && item.locale === saved.locale
                ? saved
                : item,
            )
          : list,
      );
    },
  });
}

export interface TemplatePreviewInput {
  event: NotificationEvent;
  channel: MessageChannel;
  locale: Locale;
  subject: string | null;
  body: string;
}

export function previewMessageTemplate(input: TemplatePreviewInput, signal?: AbortSignal) {
  return api('/message-templates/preview', {
    schema: MessageTemplatePreviewSchema,
    method: 'POST',
    body: input,
    ...(signal ? { signal } : {}),
  });
}

/** The template rendered with sample values; the input is the (debounced) text being edited. */
export function useMessageTemplatePreview(input: TemplatePreviewInput | null) {
  return useQuery({
    queryKey: ['message-templates', 'preview', input],
    queryFn: ({ signal }) => previewMessageTemplate(input as TemplatePreviewInput, signal),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
