import type {
  Page,
  Tool,
  ToolCheckin,
  ToolCheckout,
  ToolCreate,
  ToolEvent,
  ToolUpdate,
} from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export const toolKeys = {
  all: ['tools'] as const,
  board: ['tools', 'board'] as const,
  events: (id: string) => ['tools', 'events', id] as const,
};

/** Every tool of the shop, for the board (a shop has tens or hundreds, not thousands). */
export function useToolBoard() {
  return useQuery({
    queryKey: toolKeys.board,
    queryFn: ({ signal }) => api<Page<Tool>>('/tools', { query: { pageSize: 500 }, signal }),
    staleTime: 10_000,
  });
}

export function useToolEvents(id: string | null) {
  return useQuery({
    queryKey: toolKeys.events(id ?? ''),
    queryFn: async ({ signal }) =>
      (await api<{ items: ToolEvent[] }>(`/tools/${id}/events`, { signal })).items,
    enabled: id !== null,
  });
}

function useToolMutation<Body>(request: (body: Body) => Promise<Tool>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    // a 409 (someone else took the tool) means the board is out of date too
    onSettled: (tool) => {
      void queryClient.invalidateQueries({ queryKey: toolKeys.board });
      if (tool) void queryClient.invalidateQueries({ queryKey: toolKeys.events(tool.id) });
    },
  });
}

export function useCreateTool() {
  return useToolMutation((body: ToolCreate) => api<Tool>('/tools', { method: 'POST', body }));
}

export function useCheckoutTool(id: string) {
  return useToolMutation((body: ToolCheckout) =>
    api<Tool>(`/tools/${id}/checkout`, { method: 'POST', body }),
  );
}

export function useCheckinTool(id: string) {
  return useToolMutation((body: ToolCheckin) => api<Tool>(`/tools/${id}/checkin`, { method: 'POST', body }));
}

/** A status change from the board (maintenance ↔ available), with the version the board showed. */
export function useUpdateTool(tool: Pick<Tool, 'id' | 'version'>) {
  return useToolMutation((body: ToolUpdate) =>
    api<Tool>(`/tools/${tool.id}`, { method: 'PATCH', body, headers: { 'If-Match': `"${tool.version}"` } }),
  );
}
