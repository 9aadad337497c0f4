import type { LineApproval } from './contracts/repairs.js';

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
  // both integers: the product is exact; rounding happens once, at the end
  const thousandths = quantityMilli * unitPriceCents;
  return Math.floor((thousandths + 500) / 1000);
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
