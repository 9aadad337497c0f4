import {
  type ChecklistUpdate,
  type EstimateCreate,
  type EstimateDecision,
  EstimateListSchema,
  EstimateSchema,
  EstimateWithLinkSchema,
  PublicEstimateSchema,
  type Repair,
  RepairEventListSchema,
  type RepairPhoto,
  RepairPhotoListSchema,
  RepairPhotoSchema,
  RepairSchema,
  RepairTimeSchema,
  type RepairTransition,
  type RepairUpdate,
  RepairWithWarningsSchema,
  TechnicianSuggestionListSchema,
  TimeEntrySchema,
  type TimerStart,
  type TimerStop,
  type Tool,
  ToolPageSchema,
  ToolSchema,
} from '@bancada/shared';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile, getVersioned, patchVersioned, type Versioned } from '../../app/api';

/**
 * One service order's page. Every key starts with 'repairs' so a live update (which invalidates
 * everything under 'repairs') refreshes the open page.
 */
export const orderKeys = {
  all: ['repairs'] as const,
  detail: (id: string) => ['repairs', 'detail', id] as const,
  events: (id: string) => ['repairs', 'events', id] as const,
  time: (id: string) => ['repairs', 'time', id] as const,
  photos: (id: string) => ['repairs', 'photos', id] as const,
  photoFile: (url: string) => ['repairs', 'photo-file', url] as const,
  estimates: (id: string) => ['repairs', 'estimates', id] as const,
  suggestions: (id: string) => ['repairs', 'technician-suggestions', id] as const,
  tools: (id: string) => ['repairs', 'tools', id] as const,
  availableTools: ['repairs', 'available-tools'] as const,
};

export const publicEstimateKeys = {
  detail: (token: string) => ['public-estimate', token] as const,
};

const path = (id: string) => `/repairs/${encodeURIComponent(id)}`;

/** The answer of a write that returns the order: the new version goes straight into the page. */
function storeRepair(queryClient: QueryClient, repair: Repair, etag?: string | null) {
  queryClient.setQueryData<Versioned<Repair>>(orderKeys.detail(repair.id), {
    data: repair,
    etag: etag ?? `"${repair.version}"`,
  });
  invalidateAround(queryClient, repair.id);
  // parts reserved, released or consumed move the stock
  if (repair.parts.length > 0) void queryClient.invalidateQueries({ queryKey: ['components'] });
}

/** Everything under 'repairs' except a stored photo (it never changes) and, when given, this detail. */
function invalidateAround(queryClient: QueryClient, keepDetailOf?: string) {
  void queryClient.invalidateQueries({
    queryKey: orderKeys.all,
    predicate: (query) =>
      query.queryKey[1] !== 'photo-file' &&
      !(query.queryKey[1] === 'detail' && query.queryKey[2] === keepDetailOf),
  });
}

export function useRepair(id: string) {
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: () => getVersioned(path(id), RepairSchema),
    staleTime: 0,
  });
}

export function useUpdateRepair(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: RepairUpdate }) =>
      patchVersioned(path(id), etag, body, RepairSchema),
    onSuccess: (result: Versioned<Repair>) => storeRepair(queryClient, result.data, result.etag),
  });
}

export function useTransitionRepair(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RepairTransition) =>
      api(`${path(id)}/status`, { schema: RepairWithWarningsSchema, method: 'POST', body }),
    onSuccess: (repair) => storeRepair(queryClient, repair),
    // a refused move (409) usually means the page is behind
    onError: () => void queryClient.invalidateQueries({ queryKey: orderKeys.detail(id) }),
  });
}

export function useSaveChecklist(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChecklistUpdate) =>
      api(`${path(id)}/checklist`, { schema: RepairSchema, method: 'PUT', body }),
    onSuccess: (repair) => storeRepair(queryClient, repair),
  });
}

export function useRepairEvents(id: string) {
  return useQuery({
    queryKey: orderKeys.events(id),
    queryFn: async ({ signal }) =>
      (await api(`${path(id)}/events`, { schema: RepairEventListSchema, signal })).items,
  });
}

export function useTechnicianSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.suggestions(id),
    queryFn: async ({ signal }) =>
      (
        await api('/technicians/suggestions', {
          schema: TechnicianSuggestionListSchema,
          query: { repairId: id },
          signal,
        })
      ).items,
    enabled,
    staleTime: 0,
  });
}

export function useAssignTechnician(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (technicianId: string | null) =>
      api(`${path(id)}/assign`, {
        schema: RepairWithWarningsSchema,
        method: 'POST',
        body: { technicianId },
      }),
    onSuccess: (repair) => storeRepair(queryClient, repair),
  });
}

export function useRepairTime(id: string) {
  return useQuery({
    queryKey: orderKeys.time(id),
    queryFn: ({ signal }) => api(`${path(id)}/time`, { schema: RepairTimeSchema, signal }),
  });
}

function useTimerMutation<Body>(id: string, action: 'start' | 'stop') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      api(`${path(id)}/timers/${action}`, { schema: TimeEntrySchema, method: 'POST', body }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.time(id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.events(id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(id) });
    },
  });
}

export function useStartTimer(id: string) {
  return useTimerMutation<TimerStart>(id, 'start');
}

export function useStopTimer(id: string) {
  return useTimerMutation<TimerStop>(id, 'stop');
}

export function useRepairPhotos(id: string) {
  return useQuery({
    queryKey: orderKeys.photos(id),
    queryFn: async ({ signal }) =>
      (await api(`${path(id)}/photos`, { schema: RepairPhotoListSchema, signal })).items,
  });
}

export type PhotoStage = RepairPhoto['stage'];

/**
 * multipart/form-data by hand: `api()` sends a Blob as it is, so the body carries its own boundary
 * (a FormData would need the browser to set the header, which `api()` always sets itself).
 */
function multipartBody(fields: Record<string, string>, file: File): { contentType: string; data: Blob } {
  const boundary = `----bancada${crypto.randomUUID().replaceAll('-', '')}`;
  const quote = (value: string) => value.replace(/["\r\n]/g, '_');
  const parts: BlobPart[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  }
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.name)}"\r\n` +
      `Content-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, data: new Blob(parts) };
}

export function useUploadPhoto(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, caption, stage }: { file: File; caption: string; stage: PhotoStage }) =>
      // text fields first: a streaming parser reads them before the file
      api(`${path(id)}/photos`, {
        schema: RepairPhotoSchema,
        method: 'POST',
        raw: multipartBody({ caption, stage }, file),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.photos(id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.events(id) });
    },
  });
}

/** A photo's address is an /api path that needs the token: it is fetched as a Blob. */
export function usePhotoFile(url: string) {
  return useQuery({
    queryKey: orderKeys.photoFile(url),
    queryFn: async ({ signal }) => (await apiFile(url.replace(/^\/api(?=\/)/, ''), { signal })).blob,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
}

export type RepairDocument = 'intake' | 'report';

export function downloadRepairDocument(id: string, document: RepairDocument) {
  return apiFile(`${path(id)}/documents/${document}.pdf`);
}

export function useEstimates(id: string) {
  return useQuery({
    queryKey: orderKeys.estimates(id),
    queryFn: async ({ signal }) =>
      (await api(`${path(id)}/estimates`, { schema: EstimateListSchema, signal })).items,
  });
}

export function useCreateEstimate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EstimateCreate) =>
      api(`${path(id)}/estimates`, { schema: EstimateWithLinkSchema, method: 'POST', body }),
    onSuccess: () => invalidateAround(queryClient),
  });
}

export function useRecordEstimateDecision(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: EstimateDecision }) =>
      api(`${path(id)}/estimates/${version}/decision`, { schema: EstimateSchema, method: 'POST', body }),
    onSettled: () => invalidateAround(queryClient),
  });
}

export function useOrderTools(id: string) {
  return useQuery({
    queryKey: orderKeys.tools(id),
    queryFn: ({ signal }) =>
      api('/tools', { schema: ToolPageSchema, query: { repairId: id, pageSize: 500 }, signal }),
  });
}

export function useAvailableTools(enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.availableTools,
    queryFn: ({ signal }) =>
      api('/tools', { schema: ToolPageSchema, query: { status: 'available', pageSize: 500 }, signal }),
    enabled,
    staleTime: 0,
  });
}

function useToolMove<Vars>(id: string, request: (vars: Vars) => Promise<Tool>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.tools(id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.availableTools });
      void queryClient.invalidateQueries({ queryKey: ['tools'] });
    },
  });
}

export function useCheckoutToolToOrder(id: string) {
  return useToolMove(id, ({ toolId, technicianId }: { toolId: string; technicianId?: string | null }) =>
    api(`/tools/${toolId}/checkout`, {
      schema: ToolSchema,
      method: 'POST',
      body: { repairId: id, technicianId: technicianId ?? null },
    }),
  );
}

export function useCheckinToolFromOrder(id: string) {
  return useToolMove(id, (toolId: string) =>
    api(`/tools/${toolId}/checkin`, { schema: ToolSchema, method: 'POST', body: {} }),
  );
}

const publicPath = (token: string) => `/public/estimates/${encodeURIComponent(token)}`;

export function usePublicEstimate(token: string) {
  return useQuery({
    queryKey: publicEstimateKeys.detail(token),
    queryFn: ({ signal }) => api(publicPath(token), { schema: PublicEstimateSchema, auth: false, signal }),
    staleTime: 0,
  });
}

export function useDecidePublicEstimate(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<EstimateDecision, 'note'>) =>
      api(`${publicPath(token)}/decision`, {
        schema: PublicEstimateSchema,
        method: 'POST',
        body,
        auth: false,
      }),
    onSuccess: (estimate) => queryClient.setQueryData(publicEstimateKeys.detail(token), estimate),
  });
}
