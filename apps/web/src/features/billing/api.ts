import {
  type BillingExportFormat,
  type BillingExportKind,
  CashFlowSchema,
  type CashMovementCreate,
  type CashRegisterClose,
  type CashRegisterOpen,
  CashRegisterSchema,
  CustomerFinancialSchema,
  type FiscalDocumentCreate,
  FiscalDocumentSchema,
  type Invoice,
  type InvoiceCreate,
  InvoiceLinkSchema,
  type InvoiceListQuery,
  InvoicePageSchema,
  InvoicePixSchema,
  InvoiceSchema,
  type NfseIssue,
  type Payable,
  type PayableCreate,
  PayablePageSchema,
  PayableSchema,
  type PaymentCreate,
  type PaymentMethod,
  PaymentSchema,
  PublicInvoiceSchema,
  ReceivablesSchema,
  type RefundCreate,
  RefundSchema,
} from '@bancada/shared';
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, apiFile, getVersioned, type Versioned } from '../../app/api';

/** The invoice list's filters as they travel in the query string. */
export type InvoiceFilters = Omit<InvoiceListQuery, 'page' | 'pageSize'> & { page: number; pageSize: number };

/**
 * Billing's queries live under 'billing'; the order's invoice under 'repairs' so that a status change
 * (finishing issues the invoice) and the live updates of orders refresh it with the order.
 */
export const billingKeys = {
  all: ['billing'] as const,
  invoiceList: (filters: InvoiceFilters) => ['billing', 'invoices', 'list', filters] as const,
  invoice: (id: string) => ['billing', 'invoices', 'detail', id] as const,
  pix: (id: string, balance: number) => ['billing', 'invoices', 'pix', id, balance] as const,
  receivables: ['billing', 'receivables'] as const,
  customerFinancial: (customerId: string) => ['billing', 'customer', customerId] as const,
  repairInvoice: (repairId: string) => ['repairs', 'invoice', repairId] as const,
};

export const publicInvoiceKeys = {
  detail: (token: string) => ['public-invoice', token] as const,
  pix: (token: string, balance: number) => ['public-invoice', token, 'pix', balance] as const,
};

const invoicePath = (id: string) => `/invoices/${encodeURIComponent(id)}`;

/** After money moved, every list, total, register and order card that shows it may be stale. */
export function invalidateBilling(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: billingKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['repairs', 'invoice'] });
}

/** The answer of a write that returns the invoice goes straight into its page. */
function storeInvoice(queryClient: QueryClient, invoice: Invoice) {
  queryClient.setQueryData<Versioned<Invoice>>(billingKeys.invoice(invoice.id), {
    data: invoice,
    etag: `"${invoice.version}"`,
  });
  invalidateBilling(queryClient);
}

export function useInvoices(filters: InvoiceFilters) {
  return useQuery({
    queryKey: billingKeys.invoiceList(filters),
    queryFn: ({ signal }) => api('/invoices', { schema: InvoicePageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(id: string, { poll = false }: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: billingKeys.invoice(id),
    queryFn: () => getVersioned(invoicePath(id), InvoiceSchema),
    staleTime: 0,
    // while the Pix code is on screen, a payment by the customer shows up by itself
    refetchInterval: poll ? 4_000 : false,
  });
}

/** The order's invoice, or null while it has none (finishing the order issues it). */
export function useRepairInvoice(repairId: string, enabled = true) {
  return useQuery({
    queryKey: billingKeys.repairInvoice(repairId),
    queryFn: async () => {
      try {
        return await getVersioned(`/repairs/${encodeURIComponent(repairId)}/invoice`, InvoiceSchema);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
    staleTime: 0,
  });
}

interface Idempotent<Body> {
  body: Body;
  /** one per dialog opening: a retry of the same submission is answered once (seed 004) */
  idempotencyKey: string;
}

export function useCreateInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: Idempotent<InvoiceCreate>) =>
      api('/invoices', {
        schema: InvoiceSchema,
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (invoice) => {
      storeInvoice(queryClient, invoice);
      // the counter sale's parts left the stock
      void queryClient.invalidateQueries({ queryKey: ['components'] });
    },
  });
}

export function usePayInvoice(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: Idempotent<PaymentCreate>) =>
      api(`${invoicePath(id)}/payments`, {
        schema: InvoiceSchema,
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (invoice) => storeInvoice(queryClient, invoice),
  });
}

/** A deposit (sinal) on an order that has no invoice yet; it joins the invoice when the order is finished. */
export function useTakeDeposit(repairId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: Idempotent<PaymentCreate>) =>
      api(`/repairs/${encodeURIComponent(repairId)}/deposits`, {
        schema: PaymentSchema,
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: () => invalidateBilling(queryClient),
  });
}

export function useRefundPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ paymentId, body }: { paymentId: string; body: RefundCreate }) =>
      api(`/payments/${encodeURIComponent(paymentId)}/refund`, {
        schema: RefundSchema,
        method: 'POST',
        body,
      }),
    onSuccess: () => invalidateBilling(queryClient),
  });
}

export function useCancelInvoice(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, reason }: { etag: string; reason: string }) =>
      api(`${invoicePath(id)}/cancel`, {
        schema: InvoiceSchema,
        method: 'POST',
        body: { reason },
        headers: { 'If-Match': etag },
      }),
    onSuccess: (invoice) => {
      storeInvoice(queryClient, invoice);
      // a counter sale's parts go back to stock
      void queryClient.invalidateQueries({ queryKey: ['components'] });
    },
  });
}

export function useInvoiceLink(id: string) {
  return useMutation({
    mutationFn: () => api(`${invoicePath(id)}/link`, { schema: InvoiceLinkSchema, method: 'POST', body: {} }),
  });
}

/** The Pix code for the open balance; asked again when the balance changes. */
export function useInvoicePix(id: string, balance: number, enabled: boolean) {
  return useQuery({
    queryKey: billingKeys.pix(id, balance),
    queryFn: ({ signal }) => api(`${invoicePath(id)}/pix`, { schema: InvoicePixSchema, signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** The invoice as an A4 PDF, in the interface's language. */
export function downloadInvoicePdf(id: string) {
  return apiFile(`${invoicePath(id)}/pdf`, { headers: { Accept: 'application/pdf' } });
}

/** The accountant's file of one kind of record over a period. */
export function downloadBillingExport(
  kind: BillingExportKind,
  query: { from: string; to: string; format: BillingExportFormat },
) {
  return apiFile(`/exports/${kind}`, { query });
}

export function useRecordFiscalDocument(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FiscalDocumentCreate) =>
      api(`${invoicePath(invoiceId)}/fiscal-documents`, {
        schema: FiscalDocumentSchema,
        method: 'POST',
        body,
      }),
    onSuccess: () => invalidateBilling(queryClient),
  });
}

export function useIssueNfse(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NfseIssue) =>
      api(`${invoicePath(invoiceId)}/nfse`, { schema: FiscalDocumentSchema, method: 'POST', body }),
    // a refusal leaves a REJECTED document and an unreachable provider a PROCESSING one: both show
    onSettled: () => invalidateBilling(queryClient),
  });
}

export function useFiscalDocumentAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'refresh' | 'cancel'; reason?: string }) =>
      api(`/fiscal-documents/${encodeURIComponent(id)}/${action}`, {
        schema: FiscalDocumentSchema,
        method: 'POST',
        body: action === 'cancel' ? { reason } : {},
      }),
    onSettled: () => invalidateBilling(queryClient),
  });
}

export function useCustomerFinancial(customerId: string) {
  return useQuery({
    queryKey: billingKeys.customerFinancial(customerId),
    queryFn: ({ signal }) =>
      api(`/customers/${encodeURIComponent(customerId)}/financial`, {
        schema: CustomerFinancialSchema,
        signal,
      }),
    staleTime: 0,
  });
}

export function useReceivables(enabled = true) {
  return useQuery({
    queryKey: billingKeys.receivables,
    queryFn: ({ signal }) => api('/receivables', { schema: ReceivablesSchema, signal }),
    enabled,
    staleTime: 0,
  });
}

const publicPath = (token: string) => `/public/invoices/${encodeURIComponent(token)}`;

/**
 * The customer's view through the link. While something is due it is read again every few seconds
 * and when the phone comes back to the page, so a Pix paid in the bank's app shows as paid here.
 */
export function usePublicInvoice(token: string) {
  return useQuery({
    queryKey: publicInvoiceKeys.detail(token),
    queryFn: ({ signal }) => api(publicPath(token), { schema: PublicInvoiceSchema, auth: false, signal }),
    staleTime: 0,
    refetchOnWindowFocus: true,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'OPEN' || status === 'PARTIALLY_PAID' ? 5_000 : false;
    },
  });
}

export function usePublicInvoicePix(token: string, balance: number, enabled: boolean) {
  return useQuery({
    queryKey: publicInvoiceKeys.pix(token, balance),
    queryFn: ({ signal }) =>
      api(`${publicPath(token)}/pix`, { schema: InvoicePixSchema, auth: false, signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

// the cash register (caixa) of the signed-in user's branch

export const cashKeys = {
  current: ['billing', 'cash', 'current'] as const,
  history: ['billing', 'cash', 'history'] as const,
};

export function useCashRegister() {
  return useQuery({
    queryKey: cashKeys.current,
    queryFn: ({ signal }) => api('/cash-register', { schema: CashRegisterSchema.nullable(), signal }),
    staleTime: 0,
  });
}

export function useCashRegisters(enabled: boolean) {
  return useQuery({
    queryKey: cashKeys.history,
    queryFn: ({ signal }) => api('/cash-registers', { schema: CashRegisterSchema.array(), signal }),
    enabled,
  });
}

function useCashAction<Body>(path: 'open' | 'movements' | 'close') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      api(`/cash-register/${path}`, { schema: CashRegisterSchema, method: 'POST', body }),
    onSuccess: (register) => {
      queryClient.setQueryData(cashKeys.current, register.status === 'OPEN' ? register : null);
      void queryClient.invalidateQueries({ queryKey: cashKeys.history });
    },
  });
}

export const useOpenCashRegister = () => useCashAction<CashRegisterOpen>('open');
export const useCashMovement = () => useCashAction<CashMovementCreate>('movements');
export const useCloseCashRegister = () => useCashAction<CashRegisterClose>('close');

// what the shop owes, and the weeks ahead

export interface PayableFilters {
  status?: 'OPEN' | 'PAID';
  page: number;
  pageSize: number;
}

export const payableKeys = {
  all: ['billing', 'payables'] as const,
  list: (filters: PayableFilters) => ['billing', 'payables', filters] as const,
  cashFlow: (weeks: number) => ['billing', 'cash-flow', weeks] as const,
};

export function usePayables(filters: PayableFilters) {
  return useQuery({
    queryKey: payableKeys.list(filters),
    queryFn: ({ signal }) => api('/payables', { schema: PayablePageSchema, query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

function usePayableWrite<Variables>(send: (variables: Variables) => Promise<Payable>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => invalidateBilling(queryClient),
  });
}

export const useCreatePayable = () =>
  usePayableWrite((body: PayableCreate) => api('/payables', { schema: PayableSchema, method: 'POST', body }));

export const usePayableFromPurchaseOrder = () =>
  usePayableWrite((purchaseOrderId: string) =>
    api(`/payables/from-purchase-order/${encodeURIComponent(purchaseOrderId)}`, {
      schema: PayableSchema,
      method: 'POST',
      body: {},
    }),
  );

export const usePayPayable = () =>
  usePayableWrite(({ id, method }: { id: string; method: PaymentMethod }) =>
    api(`/payables/${encodeURIComponent(id)}/pay`, {
      schema: PayableSchema,
      method: 'POST',
      body: { method },
    }),
  );

export function useCashFlow(weeks: number, enabled = true) {
  return useQuery({
    queryKey: payableKeys.cashFlow(weeks),
    queryFn: ({ signal }) => api('/cash-flow', { schema: CashFlowSchema, query: { weeks }, signal }),
    enabled,
    staleTime: 0,
  });
}
