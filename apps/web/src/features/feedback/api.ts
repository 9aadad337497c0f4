import {
  type FeedbackAnswer,
  FeedbackReportSchema,
  type Locale,
  PublicFeedbackSchema,
} from '@bancada/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../app/api';
import { changeLocale, currentLocale } from '../../app/i18n';
import { isLocale, storedLocale } from '../../app/languages';

export interface FeedbackFilters {
  from?: string | undefined;
  to?: string | undefined;
  technicianId?: string | undefined;
  cursor?: string | undefined;
}

export function useFeedbackReport(filters: FeedbackFilters) {
  return useQuery({
    queryKey: ['feedback', filters],
    queryFn: ({ signal }) =>
      api('/feedback', { schema: FeedbackReportSchema, query: { ...filters, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
}

const publicKey = (token: string) => ['public-feedback', token] as const;
const publicPath = (token: string) => `/public/feedback/${encodeURIComponent(token)}`;

export function usePublicFeedback(token: string) {
  return useQuery({
    queryKey: publicKey(token),
    queryFn: ({ signal }) => api(publicPath(token), { schema: PublicFeedbackSchema, auth: false, signal }),
    staleTime: 0,
    retry: false,
  });
}

export function useAnswerFeedback(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackAnswer) =>
      api(publicPath(token), { schema: PublicFeedbackSchema, method: 'POST', body, auth: false }),
    onSuccess: (feedback) => queryClient.setQueryData(publicKey(token), feedback),
  });
}

/**
 * A public page's language: `?lang=` when the link carries it, else the customer's language the server
 * knows, unless this device already chose one. Not remembered: it is the customer's phone, not ours.
 */
export function usePublicLanguage(serverLocale: Locale | null | undefined) {
  useEffect(() => {
    const fromQuery = new URLSearchParams(window.location.search).get('lang');
    const wanted = isLocale(fromQuery) ? fromQuery : storedLocale() ? null : (serverLocale ?? null);
    if (wanted && wanted !== currentLocale()) void changeLocale(wanted, { persist: false });
  }, [serverLocale]);
}
