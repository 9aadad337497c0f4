import { createHash } from 'node:crypto';
import {
  type ApprovalChannel,
  type Estimate,
  type EstimateStatus,
  fromCents,
  partTotalCents,
  toMilli,
} from '@bancada/shared';
import { canonicalJson } from '../../../platform/audit.js';
import { estimatedHoursOf, type Lines } from '../lines/totals.js';
import type { EstimateRow, EstimateSnapshot } from './estimates.repo.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The estimate as the customer reads it: every line with its money, as the order stands now. */
export function snapshotOf(lines: Lines, discountCentsOfOrder: number): EstimateSnapshot {
  const { appliances, services, parts } = lines;
  const rows: EstimateSnapshot['lines'] = [
    ...appliances.map((a) => ({
      lineType: 'appliance' as const,
      lineId: a.id,
      description: [a.type, a.brand, a.model].filter(Boolean).join(' '),
      quantity: 1,
      unitValueCents: a.laborCents,
      totalCents: a.laborCents,
    })),
    ...services.map((s) => ({
      lineType: 'service' as const,
      lineId: s.id,
      description: s.description,
      quantity: Number(s.hours),
      unitValueCents: s.priceCents,
      totalCents: s.priceCents,
    })),
    ...parts.map((p) => ({
      lineType: 'part' as const,
      lineId: p.id,
      description: `${p.name} (${p.code})`,
      quantity: Number(p.quantity),
      unitValueCents: p.unitPriceCents,
      totalCents: partTotalCents(toMilli(p.quantity), p.unitPriceCents),
    })),
  ];
  const partsTotalCents = rows.filter((l) => l.lineType === 'part').reduce((s, l) => s + l.totalCents, 0);
  const laborCents = rows.filter((l) => l.lineType !== 'part').reduce((s, l) => s + l.totalCents, 0);
  const discountCents = Math.min(discountCentsOfOrder, partsTotalCents + laborCents);
  return {
    lines: rows,
    partsTotalCents,
    laborCents,
    discountCents,
    totalCents: partsTotalCents + laborCents - discountCents,
    // every line is on offer again, declined ones included
    estimatedHours: estimatedHoursOf(lines, { withDeclined: true }),
  };
}

/** What the customer reads: lines and totals, the order and its validity. Its hash is the document's. */
export function documentHashOf(
  order: { id: string; number: number },
  version: number,
  snapshot: EstimateSnapshot,
  validUntil: Date,
) {
  return sha256(
    canonicalJson({
      repairId: order.id,
      number: order.number,
      version,
      validUntil: validUntil.toISOString(),
      ...snapshot,
    }),
  );
}

export function linesHash(snapshot: EstimateSnapshot) {
  return sha256(canonicalJson(snapshot.lines));
}

export function effectiveStatus(row: EstimateRow, now: Date): EstimateStatus {
  return row.status === 'pending' && row.validUntil < now ? 'expired' : (row.status as EstimateStatus);
}

function decisionOf(row: EstimateRow): Estimate['decision'] {
  return row.decidedAt && row.decisionChannel && row.signerName
    ? {
        channel: row.decisionChannel as ApprovalChannel,
        signerName: row.signerName,
        decidedAt: row.decidedAt.toISOString(),
        ip: row.decisionIp,
        userAgent: row.decisionUserAgent,
        documentHash: row.decisionHash ?? row.documentHash,
        recordedBy: row.recordedByName,
      }
    : null;
}

export function toEstimate(row: EstimateRow, repairNumber: number, now: Date): Estimate {
  const decisions = row.decisions ?? {};
  return {
    id: row.id,
    repairId: row.repairId,
    repairNumber,
    version: row.version,
    status: effectiveStatus(row, now),
    validUntil: row.validUntil.toISOString(),
    lines: row.snapshot.lines.map((l) => ({
      lineType: l.lineType,
      lineId: l.lineId,
      description: l.description,
      quantity: l.quantity,
      unitValue: fromCents(l.unitValueCents),
      totalValue: fromCents(l.totalCents),
      decision: decisions[l.lineId] ?? null,
    })),
    partsTotal: fromCents(row.snapshot.partsTotalCents),
    laborValue: fromCents(row.snapshot.laborCents),
    discount: fromCents(row.snapshot.discountCents),
    totalValue: fromCents(row.snapshot.totalCents),
    estimatedHours: row.snapshot.estimatedHours,
    documentHash: row.documentHash,
    createdBy: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    decision: decisionOf(row),
  };
}
