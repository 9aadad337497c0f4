import { type Invoice, type PaymentCreate, type PaymentMethod, toCents } from '@bancada/shared';

/** The "Receber pagamento" form's values and the rules behind what it shows (pure, unit-tested). */
export interface PaymentValues {
  method: PaymentMethod | null;
  amount: number | string;
  tendered: number | string;
  installments: string;
  reference: string;
  note: string;
}

export const CARD_METHODS: readonly PaymentMethod[] = ['CREDIT_CARD', 'DEBIT_CARD'];

export function amountOf(value: number | string): number | null {
  if (value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The form as the API takes it (the shared PaymentCreateSchema checks it on both sides). */
export function toPaymentBody(values: PaymentValues): PaymentCreate {
  const method = values.method ?? 'CASH';
  return {
    method,
    amount: amountOf(values.amount) ?? 0,
    installments: method === 'CREDIT_CARD' ? Number(values.installments) || 1 : 1,
    reference: method === 'CASH' ? null : values.reference.trim() || null,
    note: values.note.trim() || null,
    tendered: method === 'CASH' ? amountOf(values.tendered) : null,
  };
}

/** Cash handed over minus the amount, in exact cents; null until both are typed. */
export function changeOf(amount: number | null, tendered: number | null): number | null {
  if (amount === null || tendered === null) return null;
  return (toCents(tendered) - toCents(amount)) / 100;
}

/** The notes a customer is likely to hand over for this amount: the exact sum and the next round ones. */
export function quickTenders(amount: number | null): number[] {
  if (amount === null || amount <= 0) return [];
  const rounded = [10, 50, 100].map((step) => Math.ceil(amount / step) * step);
  return [...new Set([amount, ...rounded])].filter((value) => value >= amount).slice(0, 4);
}

/** Whether money may still come in on the invoice. */
export function isPayable(invoice: Pick<Invoice, 'status' | 'balance'>): boolean {
  return (invoice.status === 'OPEN' || invoice.status === 'PARTIALLY_PAID') && invoice.balance > 0;
}
