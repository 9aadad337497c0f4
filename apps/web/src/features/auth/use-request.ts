import { useRef, useState } from 'react';

type RequestState = { status: 'idle' | 'pending' | 'success' } | { status: 'error'; error: unknown };

interface RunHandlers<Output> {
  onSuccess?: (data: Output) => void;
  onError?: (error: unknown) => void;
}

/**
 * One request a public page sends (sign in, ask for a reset link) with its state, like TanStack
 * Query's useMutation, which these pages do without: they render before the app's query client loads.
 * A second submit while one is on its way is ignored.
 */
export function useRequest<Input, Output>(send: (input: Input) => Promise<Output>) {
  const [state, setState] = useState<RequestState>({ status: 'idle' });
  const isBusy = useRef(false);

  const run = async (input: Input, handlers: RunHandlers<Output> = {}) => {
    if (isBusy.current) return;
    isBusy.current = true;
    setState({ status: 'pending' });
    try {
      const data = await send(input);
      setState({ status: 'success' });
      handlers.onSuccess?.(data);
    } catch (error) {
      setState({ status: 'error', error });
      handlers.onError?.(error);
    } finally {
      isBusy.current = false;
    }
  };

  return {
    run,
    isPending: state.status === 'pending',
    isSuccess: state.status === 'success',
    isError: state.status === 'error',
    error: state.status === 'error' ? state.error : null,
  };
}
