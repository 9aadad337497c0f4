import { describe, expect, it, vi } from 'vitest';
import { emptySupplier, supplierNumberMessages, toCandidate } from './supplier-form';

// app/form reaches the browser's session; these checks need none of it
vi.mock('../../app/form', () => ({ parseWith: vi.fn(), zodResolver: vi.fn() }));

const withLeadTime = (leadTimeDays: number | string) => ({ ...emptySupplier(), leadTimeDays });

describe('a supplier’s lead time is refused on its field, never rewritten', () => {
  it.each([
    ['', {}],
    [0, {}],
    [5, {}],
    [365, {}],
    [-3, { leadTimeDays: { key: 'numberField.negative', values: {} } }],
    [2.5, { leadTimeDays: { key: 'numberField.whole', values: {} } }],
    [400, { leadTimeDays: { key: 'numberField.tooLarge', values: { max: 365 } } }],
    ['-', { leadTimeDays: { key: 'numberField.invalid', values: {} } }],
  ] as const)('%j days: %j', (typed, expected) => {
    expect(supplierNumberMessages(withLeadTime(typed))).toEqual(expected);
  });

  it('hands the schema the number as typed: −3 stays −3, blank is no lead time', () => {
    expect(toCandidate(withLeadTime(-3)).leadTimeDays).toBe(-3);
    expect(toCandidate(withLeadTime('12')).leadTimeDays).toBe(12);
    expect(toCandidate(withLeadTime('')).leadTimeDays).toBeNull();
  });
});
