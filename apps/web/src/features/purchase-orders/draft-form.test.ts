import { type PurchaseOrder, PurchaseOrderUpdateSchema, VALIDATION_MESSAGES } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import {
  type DraftLineValues,
  type DraftValues,
  draftLineChecks,
  draftLineTotal,
  toDraftCandidate,
  toDraftValues,
} from './draft-form';

const COMPONENT = '0b7c6a52-4f0e-4a43-9d5e-2f7d2c1a9e10';
const OIL = '5c1d8f3e-2a4b-4c6d-8e9f-0a1b2c3d4e5f';

const line = (overrides: Partial<DraftLineValues> = {}): DraftLineValues => ({
  componentId: COMPONENT,
  componentName: 'Filtro de óleo',
  code: 'FO-01',
  unit: 'UN',
  quantity: 4,
  unitCost: 25.5,
  repairId: null,
  ...overrides,
});
const draft = (...lines: DraftLineValues[]): DraftValues => ({ expectedAt: null, notes: '', lines });

/** The schema's message per field, as the form would show it (before translation). */
function schemaErrors(values: DraftValues): Record<string, string> {
  const result = PurchaseOrderUpdateSchema.safeParse(toDraftCandidate(values));
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the purchase-order draft reads its boxes as typed', () => {
  it('starts from the order, its expected day as a calendar date', () => {
    const order = {
      expectedAt: '2026-11-30',
      notes: null,
      lines: [{ ...line(), id: 'l1', received: 0, lineTotal: 102 }],
    } as unknown as PurchaseOrder;
    expect(toDraftValues(order)).toEqual({ expectedAt: '2026-11-30', notes: '', lines: [line()] });
  });

  it('takes the text "25.50" a focused box holds as 25.5, not as an error', () => {
    const values = draft(line({ unitCost: '25.50', quantity: '2' }));
    expect(toDraftCandidate(values).lines?.[0]).toMatchObject({ quantity: 2, unitCost: 25.5 });
    expect(schemaErrors(values)).toEqual({});
    expect(draftLineTotal(values.lines[0] as DraftLineValues)).toBe(51);
  });

  it.each([
    ['a negative cost', { unitCost: -10 }, 'lines.0.unitCost', 'validation.money_negative'],
    ['a third decimal of cost', { unitCost: '25.505' }, 'lines.0.unitCost', 'validation.money_decimals'],
    ['a negative quantity', { quantity: '-3' }, 'lines.0.quantity', 'validation.quantity_positive'],
  ] as const)('keeps %s as typed for the schema to refuse on its field', (_, typed, path, message) => {
    expect(schemaErrors(draft(line(typed)))).toEqual({ [path]: message });
  });

  it.each([
    ['an empty quantity', { quantity: '' }, { 'lines.0.quantity': 'validation.required' }],
    ['a lone minus', { quantity: '-' }, { 'lines.0.quantity': 'validation.quantity_finite' }],
    ['an empty cost', { unitCost: ' ' }, { 'lines.0.unitCost': 'validation.required' }],
    ['a cost that is no number', { unitCost: '-' }, { 'lines.0.unitCost': 'validation.money_finite' }],
  ] as const)('says %s in words the schema has not (zod’s would be English)', (_, typed, expected) => {
    expect(draftLineChecks(draft(line(typed)))).toEqual(expected);
  });

  it('refuses a fraction of a unit counted whole, and takes it of a unit measured in fractions', () => {
    const values = draft(line({ quantity: '2.5' }), line({ componentId: OIL, unit: 'L', quantity: 2.5 }));
    expect(draftLineChecks(values)).toEqual({ 'lines.0.quantity': 'validation.quantity_whole' });
    expect(Object.keys(VALIDATION_MESSAGES['validation.quantity_whole'])).toEqual(['pt-BR', 'es', 'en']);
    expect(draftLineChecks(draft(line({ quantity: 3 }), line({ quantity: '12' })))).toEqual({});
  });

  it('adds nothing to the preview that would be refused', () => {
    expect(draftLineTotal({ unit: 'UN', quantity: 2, unitCost: 10 })).toBe(20);
    expect(draftLineTotal({ unit: 'L', quantity: '2.5', unitCost: 10 })).toBe(25);
    expect(draftLineTotal({ unit: 'UN', quantity: 2, unitCost: -10 })).toBe(0);
    expect(draftLineTotal({ unit: 'UN', quantity: 2, unitCost: 10.005 })).toBe(0);
    expect(draftLineTotal({ unit: 'UN', quantity: '-2', unitCost: 10 })).toBe(0);
    expect(draftLineTotal({ unit: 'UN', quantity: '', unitCost: 10 })).toBe(0);
    expect(draftLineTotal({ unit: 'UN', quantity: '-', unitCost: 10 })).toBe(0);
    expect(draftLineTotal({ unit: 'UN', quantity: 2.5, unitCost: 10 })).toBe(0);
    expect(draftLineTotal({ unit: 'L', quantity: 1.0005, unitCost: 10 })).toBe(0);
  });
});
