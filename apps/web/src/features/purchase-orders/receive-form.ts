import {
  fromMilli,
  hasAtMostThreeDecimals,
  isWholeUnit,
  type PurchaseOrderLine,
  type Receipt,
  toMilli,
  type ValidationMessageKey,
} from '@bancada/shared';
import { type NumberBoxValue, readNumberBox } from '../../app/number-rules';

/** What the receive form holds per open line: the box's value, kept exactly as typed. */
export type ReceiveQuantities = Record<string, NumberBoxValue>;

type Line = Pick<PurchaseOrderLine, 'id' | 'unit' | 'quantity' | 'received'>;

/** The lines still waiting for goods. */
export function openLines<T extends Line>(lines: T[]): T[] {
  return lines.filter((line) => toMilli(line.received) < toMilli(line.quantity));
}

/** What is still to come of a line, in thousandths (2.3 − 1.1 is 1.2, not 1.1999999999999997). */
export function remainingOf(line: Line): number {
  return fromMilli(toMilli(line.quantity) - toMilli(line.received));
}

/** Each open line starts with what is still to come. */
export function initialQuantities(open: Line[]): ReceiveQuantities {
  return Object.fromEntries(open.map((line) => [line.id, remainingOf(line)]));
}

export interface ReceiptCheck {
  /** the lines to send: only those with a quantity above zero */
  lines: Receipt['lines'];
  /** per line id, the shared schema's message for a quantity it would refuse */
  errors: Record<string, ValidationMessageKey>;
}

/**
 * The receipt the boxes describe. An empty box or a zero is "nothing of this line this time"; a
 * negative, a fourth decimal or a fraction of a whole unit is refused on its line, never rounded or
 * dropped, and then nothing is sent at all (issue 10). More than what is still to come is the
 * server's to refuse: it knows what another receipt took meanwhile.
 */
export function checkReceipt(open: Line[], quantities: ReceiveQuantities): ReceiptCheck {
  const lines: Receipt['lines'] = [];
  const errors: Record<string, ValidationMessageKey> = {};
  for (const line of open) {
    const quantity = readNumberBox(quantities[line.id] ?? '');
    if (quantity === null || quantity === 0) continue;
    if (!Number.isFinite(quantity)) errors[line.id] = 'validation.quantity_finite';
    else if (quantity < 0) errors[line.id] = 'validation.quantity_negative';
    else if (!hasAtMostThreeDecimals(quantity)) errors[line.id] = 'validation.quantity_decimals';
    else if (isWholeUnit(line.unit) && !Number.isInteger(quantity))
      errors[line.id] = 'validation.quantity_whole';
    else lines.push({ lineId: line.id, quantity });
  }
  return Object.keys(errors).length > 0 ? { lines: [], errors } : { lines, errors };
}
