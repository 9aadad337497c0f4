import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTotals, keptEstimateTotals, partTotalCents, previewLineTotal, sumMoney } from './totals.js';

const approval = fc.constantFrom(null, 'pending', 'approved', 'declined' as const);

describe('repair totals (cents)', () => {
  it.each([
    // seed 004's example: 1 × 85.50 + 2 × 45.00, labor 150, discount 25.50
    [
      [
        { q: 1000, p: 8550 },
        { q: 2000, p: 4500 },
      ],
      [15000],
      2550,
      { parts: 17550, labor: 15000, total: 30000 },
    ],
    [[], [15000], 0, { parts: 0, labor: 15000, total: 15000 }],
    // thousandths of a unit round half-up once, at the end of each line
    [[{ q: 1500, p: 333 }], [], 0, { parts: 500, labor: 0, total: 500 }],
    [[{ q: 1, p: 500 }], [], 0, { parts: 1, labor: 0, total: 1 }],
  ])('computes %j + labor %j − %i', (parts, labor, discount, expected) => {
    const totals = computeTotals({
      parts: parts.map((x) => ({ quantityMilli: x.q, unitPriceCents: x.p, approval: null })),
      labor: labor.map((cents) => ({ cents, approval: null })),
      discountCents: discount,
    });
    expect(totals).toMatchObject({
      partsTotalCents: expected.parts,
      laborCents: expected.labor,
      totalCents: expected.total,
    });
  });

  it('matches exact rational arithmetic for any quantity and price (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 0, max: 99_999_999 }),
        (q, p) => {
          const exact = (BigInt(q) * BigInt(p) + 500n) / 1000n;
          expect(partTotalCents(q, p)).toBe(Number(exact));
        },
      ),
    );
    // found by this property in CI: the product passed 2^53 and the double lost the last cent
    expect(partTotalCents(596_483_695, 86_309_641)).toBe(51_482_293_577_803);
  });

  it('total = parts + labor − discount, declined lines never counted, all integers (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantityMilli: fc.integer({ min: 1, max: 1_000_000 }),
            unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
            approval,
          }),
          { maxLength: 20 },
        ),
        fc.array(fc.record({ cents: fc.integer({ min: 0, max: 10_000_000 }), approval }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (parts, labor, discountCents) => {
          const totals = computeTotals({ parts, labor, discountCents });
          const counted = parts.filter((p) => p.approval !== 'declined');
          expect(totals.partsTotalCents).toBe(
            counted.reduce((s, p) => s + partTotalCents(p.quantityMilli, p.unitPriceCents), 0),
          );
          expect(totals.laborCents).toBe(
            labor.filter((l) => l.approval !== 'declined').reduce((s, l) => s + l.cents, 0),
          );
          expect(totals.totalCents).toBe(totals.partsTotalCents + totals.laborCents - discountCents);
          expect(totals.subtotalCents).toBe(totals.partsTotalCents + totals.laborCents);
          for (const v of Object.values(totals)) expect(Number.isSafeInteger(v)).toBe(true);
          // declining a line never raises the total
          const allDeclined = computeTotals({
            parts: parts.map((p) => ({ ...p, approval: 'declined' as const })),
            labor: labor.map((l) => ({ ...l, approval: 'declined' as const })),
            discountCents,
          });
          expect(allDeclined.subtotalCents).toBe(0);
        },
      ),
    );
  });
});

describe('kept estimate totals (decimal amounts, summed in cents)', () => {
  it('sums parts and labor apart and never lets the discount go below zero', () => {
    const lines = [
      { lineType: 'part' as const, totalValue: 0.1 },
      { lineType: 'part' as const, totalValue: 0.2 },
      { lineType: 'service' as const, totalValue: 10 },
    ];
    expect(keptEstimateTotals(lines, 5)).toEqual({
      partsTotal: 0.3,
      laborValue: 10,
      discount: 5,
      totalValue: 5.3,
    });
    expect(keptEstimateTotals(lines.slice(0, 1), 5)).toEqual({
      partsTotal: 0.1,
      laborValue: 0,
      discount: 0.1,
      totalValue: 0,
    });
    expect(keptEstimateTotals([], 5).totalValue).toBe(0);
  });
});

describe('previews in decimal amounts', () => {
  it('rounds a line as the server does and sums in cents', () => {
    expect(previewLineTotal(1.5, 0.33)).toBe(0.5);
    expect(previewLineTotal(2, 45)).toBe(90);
    expect(previewLineTotal(Number.NaN, 10)).toBe(0);
    expect(previewLineTotal(1, 0.333)).toBe(0);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(sumMoney([])).toBe(0);
  });
});
