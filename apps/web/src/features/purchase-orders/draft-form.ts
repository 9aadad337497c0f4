import {
  hasAtMostThreeDecimals,
  isWholeUnit,
  type PurchaseOrder,
  type PurchaseOrderUpdate,
  previewLineTotal,
  type Unit,
  type ValidationMessageKey,
} from '@bancada/shared';
import { type NumberBoxValue, readNumberBox } from '../../app/number-rules';

/** A draft's line as the editor holds it: the boxes' values, kept exactly as typed. */
export interface DraftLineValues {
  componentId: string;
  componentName: string;
  code: string;
  unit: Unit;
  quantity: NumberBoxValue;
  unitCost: NumberBoxValue;
  repairId: string | null;
}

export interface DraftValues {
  /** YYYY-MM-DD: a calendar date, no time */
  expectedAt: string | null;
  notes: string;
  lines: DraftLineValues[];
}

export function toDraftValues(order: PurchaseOrder): DraftValues {
  return {
    expectedAt: order.expectedAt ? order.expectedAt.slice(0, 10) : null,
    notes: order.notes ?? '',
    lines: order.lines.map((line) => ({
      componentId: line.componentId,
      componentName: line.componentName,
      code: line.code,
      unit: line.unit,
      quantity: line.quantity,
      unitCost: line.unitCost,
      repairId: line.repairId,
    })),
  };
}

// what the box holds, read as typed: its text "25.50" while it has focus is 25.5, not an error;
// an empty box is NaN, which the schema refuses
const boxNumber = (value: NumberBoxValue) => readNumberBox(value) ?? Number.NaN;

/** The PATCH body the boxes describe: −3 stays −3 for the shared schema to refuse on its field. */
export function toDraftCandidate(values: DraftValues): PurchaseOrderUpdate {
  return {
    expectedAt: values.expectedAt || null,
    notes: values.notes.trim() || null,
    lines: values.lines.map((line) => ({
      componentId: line.componentId,
      quantity: boxNumber(line.quantity),
      unitCost: boxNumber(line.unitCost),
      repairId: line.repairId,
    })),
  };
}

/**
 * What the schema cannot say in the shop's words, per field (the form puts these over its errors):
 * an empty box or one that holds no number (zod's own words would be English), and a fraction of a
 * unit counted whole (2,5 filters), which the server would refuse only after the click, above the form.
 */
export function draftLineChecks(values: DraftValues): Record<string, ValidationMessageKey> {
  const errors: Record<string, ValidationMessageKey> = {};
  values.lines.forEach((line, index) => {
    const quantity = readNumberBox(line.quantity);
    if (quantity === null) errors[`lines.${index}.quantity`] = 'validation.required';
    else if (!Number.isFinite(quantity)) errors[`lines.${index}.quantity`] = 'validation.quantity_finite';
    else if (isWholeUnit(line.unit) && !Number.isInteger(quantity))
      errors[`lines.${index}.quantity`] = 'validation.quantity_whole';
    const cost = readNumberBox(line.unitCost);
    if (cost === null) errors[`lines.${index}.unitCost`] = 'validation.required';
    else if (!Number.isFinite(cost)) errors[`lines.${index}.unitCost`] = 'validation.money_finite';
  });
  return errors;
}

/**
 * A line's total in the preview: a quantity or cost the API would refuse (negative, no number, too
 * many decimals, a fraction of a unit counted whole) adds nothing; the form flags it on its field.
 */
export function draftLineTotal(line: Pick<DraftLineValues, 'quantity' | 'unitCost' | 'unit'>): number {
  const quantity = readNumberBox(line.quantity) ?? 0;
  const cost = readNumberBox(line.unitCost) ?? 0;
  const countable =
    hasAtMostThreeDecimals(quantity) &&
    quantity >= 0 &&
    (!isWholeUnit(line.unit) || Number.isInteger(quantity));
  // previewLineTotal counts a cost with a third decimal as nothing
  return countable && Number.isFinite(cost) && cost >= 0 ? previewLineTotal(quantity, cost) : 0;
}
