import { type Invoice, InvoiceSchema } from '@bancada/shared';
import type { TestApp } from './helpers.js';
import { createComponent } from './inventory.js';
import { completeChecklist, createRepair, moveRepair } from './repairs.js';

/** An order with seed 004's appliance (labor 150.00) and `parts` of a new component priced 300.00. */
export async function orderForInvoice(t: TestApp, options: { parts?: number; discount?: number } = {}) {
  const part = await createComponent(t, { name: 'Compressor', price: 300, stock: 100 });
  const repair = await createRepair(t, {
    parts: options.parts ? [{ componentId: part.id, quantity: options.parts }] : [],
    discount: options.discount ?? 0,
  });
  return { part, repair };
}

/** Takes an order to FINALIZADO (the invoice is issued there); throws on a refusal. */
export async function finish(t: TestApp, repairId: string) {
  await moveRepair(t, repairId, ['EM_ANDAMENTO', 'EM_REVISAO']);
  await completeChecklist(t, repairId);
  const res = await t.request('POST', `/api/repairs/${repairId}/status`, {
    token: t.adminToken,
    body: { status: 'FINALIZADO' },
  });
  if (res.statusCode !== 200) throw new Error(`finish failed: ${res.statusCode} ${res.body}`);
}

export async function invoiceOfRepair(t: TestApp, repairId: string): Promise<Invoice> {
  const res = await t.request('GET', `/api/repairs/${repairId}/invoice`, { token: t.adminToken });
  if (res.statusCode !== 200) throw new Error(`invoice of order failed: ${res.statusCode} ${res.body}`);
  return InvoiceSchema.parse(res.json());
}

/** A finished order's invoice: labor 150 + parts × 300 − discount. */
export async function finishedInvoice(t: TestApp, options: { parts?: number; discount?: number } = {}) {
  const { repair } = await orderForInvoice(t, options);
  await finish(t, repair.id);
  return invoiceOfRepair(t, repair.id);
}

export function pay(
  t: TestApp,
  invoiceId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.request('POST', `/api/invoices/${invoiceId}/payments`, { token: t.adminToken, body, headers });
}
