import { computeTotals, type LineApproval, toMilli } from '@bancada/shared';
import type { ApplianceRow, PartRow, ServiceRow } from './lines.repo.js';

/** The lines of an order and their money, as stored. */
export type Lines = { appliances: ApplianceRow[]; services: ServiceRow[]; parts: PartRow[] };
/** What the totals read of the lines: stored rows, or a new order's lines before they are written. */
export type PricedLines = {
  appliances: Pick<ApplianceRow, 'laborCents' | 'estimatedHours' | 'approval'>[];
  services: Pick<ServiceRow, 'priceCents' | 'hours' | 'approval'>[];
  parts: Pick<PartRow, 'quantity' | 'unitPriceCents' | 'approval'>[];
};

/** seed 004 rule 6 on the stored lines (declined lines are not charged). */
export function totalsOf(lines: PricedLines, discountCents: number) {
  return computeTotals({
    parts: lines.parts.map((p) => ({
      quantityMilli: toMilli(p.quantity),
      unitPriceCents: p.unitPriceCents,
      approval: p.approval as LineApproval | null,
    })),
    labor: [
      ...lines.appliances.map((a) => ({ cents: a.laborCents, approval: a.approval as LineApproval | null })),
      ...lines.services.map((s) => ({ cents: s.priceCents, approval: s.approval as LineApproval | null })),
    ],
    discountCents,
  });
}

/** Σ of the hours the lines estimate, in hundredths so the sum is exact; declined lines left out. */
export function estimatedHoursOf(lines: PricedLines, options: { withDeclined?: boolean } = {}): number {
  const counts = (l: { approval: string | null }) => options.withDeclined || l.approval !== 'declined';
  const sum =
    lines.appliances.filter(counts).reduce((s, a) => s + Math.round(Number(a.estimatedHours ?? 0) * 100), 0) +
    lines.services.filter(counts).reduce((s, l) => s + Math.round(Number(l.hours) * 100), 0);
  return sum / 100;
}

/** The longest warranty among the lines the customer did not decline, in days (0: none). */
export function longestWarrantyDays(lines: Lines): number {
  return Math.max(
    0,
    ...[...lines.appliances, ...lines.services, ...lines.parts]
      .filter((l) => l.approval !== 'declined')
      .map((l) => l.warrantyDays),
  );
}
