import {
  type Tool,
  type ToolCheckin,
  type ToolCheckout,
  type ToolCreate,
  ToolEventListSchema,
  ToolPageSchema,
  ToolSchema,
  type ToolUpdate,
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
    queryFn: ({ signal }) => api('/tools', { schema: ToolPageSchema, query: { pageSize: 500 }, signal }),
    staleTime: 10_000,
  });
}

export function useToolEvents(id: string | null) {
  return useQuery({
    queryKey: toolKeys.events(id ?? ''),
    queryFn: async ({ signal }) =>
      (await api(`/tools/${id}/events`, { schema: ToolEventListSchema, signal })).items,
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
  return useToolMutation((body: ToolCreate) => api('/tools', { schema: ToolSchema, method: 'POST', body }));
}

export function useCheckoutTool(id: string) {
  return useToolMutation((body: ToolCheckout) =>
    api(`/tools/${id}/checkout`, { schema: ToolSchema, method: 'POST', body }),
  );
}

export function useCheckinTool(id: string) {
  return useToolMutation((body: ToolCheckin) =>
    api(`/tools/${id}/checkin`, { schema: ToolSchema, method: 'POST', body }),
  );
}

/** A status change from the board (maintenance ↔ available), with the version the board showed. */
export function useUpdateTool(tool: Pick<Tool, 'id' | 'version'>) {
  return useToolMutation((body: ToolUpdate) =>
    api(`/tools/${tool.id}`, {
      schema: ToolSchema,
      method: 'PATCH',
      body,
      headers: { 'If-Match': `"${tool.version}"` },
    }),
  );
}
