import type { LineApproval, LineType } from './contracts/repairs.js';
import { fromCents, hasAtMostTwoDecimals, toCents } from './money.js';
import { toMilli } from './quantities.js';

/** Part quantities are numeric(12,3); money is integer cents (ARCHITECTURE §4). */
export type PricedPart = { quantityMilli: number; unitPriceCents: number; approval: LineApproval | null };
export type PricedLabor = { cents: number; approval: LineApproval | null };

export type RepairTotals = {
  partsTotalCents: number;
  laborCents: number;
  discountCents: number;
  /** partsTotal + labor − discount, before the discount check */
  totalCents: number;
  /** partsTotal + labor: what a discount may not exceed */
  subtotalCents: number;
};

/** quantity × unit price, rounded half-up to the cent (quantities carry thousandths). */
export function partTotalCents(quantityMilli: number, unitPriceCents: number): number {
  // both integers, rounded once at the end. A double holds the product exactly only up to 2^53, and
  // the division is exact to the cent only well below that: past 10^12 thousandths (R$ 10 million)
  // the line is computed in BigInt, so even 999,999.999 × R$ 999,999.99 is exact.
  const thousandths = quantityMilli * unitPriceCents;
  if (thousandths <= 1e12) return Math.floor((thousandths + 500) / 1000);
  return Number((BigInt(quantityMilli) * BigInt(unitPriceCents) + 500n) / 1000n);
}

/**
 * quantity × unit price in the API's decimal amounts, rounded as the server rounds a line
 * (partTotalCents). Meant for previews: a price or quantity the API would refuse counts as 0.
 */
export function previewLineTotal(quantity: number, unitPrice: number): number {
  const milli = Number.isFinite(quantity) ? toMilli(quantity) : 0;
  const cents = hasAtMostTwoDecimals(unitPrice) ? toCents(unitPrice) : 0;
  return fromCents(partTotalCents(milli, cents));
}

/** The sum of amounts in the API's decimal form, added up in cents so no float error creeps in. */
export function sumMoney(amounts: readonly number[]): number {
  return fromCents(amounts.reduce((sum, amount) => sum + toCents(amount), 0));
}

// declined lines stay on the order as recommendations but are not charged
const counts = (approval: LineApproval | null) => approval !== 'declined';

/** seed 004 rule 6: the server's own sums; the client never sends them. */
export function computeTotals(input: {
  parts: PricedPart[];
  labor: PricedLabor[];
  discountCents: number;
}): RepairTotals {
  const partsTotalCents = input.parts
    .filter((p) => counts(p.approval))
    .reduce((sum, p) => sum + partTotalCents(p.quantityMilli, p.unitPriceCents), 0);
  const laborCents = input.labor.filter((l) => counts(l.approval)).reduce((sum, l) => sum + l.cents, 0);
  const subtotalCents = partsTotalCents + laborCents;
  return {
    partsTotalCents,
    laborCents,
    discountCents: input.discountCents,
    totalCents: subtotalCents - input.discountCents,
    subtotalCents,
  };
}

/**
 * The sums of the estimate lines a customer keeps, in the API's decimal amounts: what the approval
 * screens show before the decision is recorded. As on the server, the discount never takes the total
 * below zero.
 */
export function keptEstimateTotals(
  lines: readonly { lineType: LineType; totalValue: number }[],
  discount: number,
): { partsTotal: number; laborValue: number; discount: number; totalValue: number } {
  const sum = (kept: readonly { totalValue: number }[]) =>
    kept.reduce((s, l) => s + toCents(l.totalValue), 0);
  const partsCents = sum(lines.filter((l) => l.lineType === 'part'));
  const laborCents = sum(lines.filter((l) => l.lineType !== 'part'));
  const subtotalCents = partsCents + laborCents;
  const discountCents = Math.min(toCents(discount), subtotalCents);
  return {
    partsTotal: fromCents(partsCents),
    laborValue: fromCents(laborCents),
    discount: fromCents(discountCents),
    totalValue: fromCents(subtotalCents - discountCents),
  };
}
