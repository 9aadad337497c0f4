import { type Unit, VALIDATION_MESSAGES } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { checkReceipt, initialQuantities, openLines, remainingOf } from './receive-form';

const line = (id: string, unit: Unit, quantity: number, received = 0) => ({ id, unit, quantity, received });
const FILTER = line('filter', 'UN', 7, 3);
const OIL = line('oil', 'L', 2.3, 1.1);
const DONE = line('done', 'UN', 4, 4);

describe('the receive form starts from what is still to come', () => {
  it('lists only the lines not yet fully received', () => {
    expect(openLines([FILTER, OIL, DONE]).map((l) => l.id)).toEqual(['filter', 'oil']);
  });

  it('counts in thousandths, so a box never starts at 1.1999999999999997', () => {
    expect(remainingOf(OIL)).toBe(1.2);
    expect(initialQuantities([FILTER, OIL])).toEqual({ filter: 4, oil: 1.2 });
  });
});

describe('checkReceipt', () => {
  it('sends the lines with a quantity and skips the empty and zero ones', () => {
    const third = line('third', 'KG', 5);
    expect(checkReceipt([FILTER, OIL, third], { filter: 3, oil: '', third: 0 })).toEqual({
      lines: [{ lineId: 'filter', quantity: 3 }],
      errors: {},
    });
  });

  it('reads the text Mantine holds while the box has focus', () => {
    expect(checkReceipt([OIL], { oil: '0.75' }).lines).toEqual([{ lineId: 'oil', quantity: 0.75 }]);
  });

  it.each([
    ['a negative', FILTER, -2, 'validation.quantity_negative'],
    ['a fourth decimal', OIL, 1.0005, 'validation.quantity_decimals'],
    ['a fraction of a whole unit', FILTER, 2.5, 'validation.quantity_whole'],
    ['text that is no number', OIL, '1.2.3', 'validation.quantity_finite'],
  ] as const)('refuses %s on its line and sends nothing', (_, refused, typed, message) => {
    const other = refused === FILTER ? OIL : FILTER;
    const check = checkReceipt([refused, other], { [refused.id]: typed, [other.id]: 1 });
    expect(check).toEqual({ lines: [], errors: { [refused.id]: message } });
    // the message exists in every language
    expect(Object.keys(VALIDATION_MESSAGES[message])).toEqual(['pt-BR', 'es', 'en']);
  });

  it('takes three decimals of a unit measured in fractions', () => {
    expect(checkReceipt([OIL], { oil: 1.125 }).lines).toEqual([{ lineId: 'oil', quantity: 1.125 }]);
  });
});
