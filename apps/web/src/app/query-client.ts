import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { session } from './session';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not change by asking again
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
    mutations: { retry: false },
  },
});

// a sign-in starts from an empty cache: nothing read as the previous user is shown to the next one
session.subscribe(() => {
  if (session.hasSession()) queryClient.clear();
});
