import { PaymentCreateSchema } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { changeOf, type PaymentValues, quickTenders, toPaymentBody } from './payment-form';

const values = (overrides: Partial<PaymentValues>): PaymentValues => ({
  method: 'CASH',
  amount: 100,
  tendered: '',
  installments: '1',
  reference: '',
  note: '',
  ...overrides,
});

describe('the change given back at the counter', () => {
  it.each([
    [123.45, 150, 26.55],
    [0.1, 0.3, 0.2],
    [99.99, 100, 0.01],
    [50, 50, 0],
    [80, 50, -30],
  ])('of %s paid with %s is %s, in exact cents', (amount, tendered, change) => {
    expect(changeOf(amount, tendered)).toBe(change);
  });

  it('is unknown until both amounts are typed', () => {
    expect(changeOf(100, null)).toBeNull();
    expect(changeOf(null, 100)).toBeNull();
  });
});

describe('the notes a customer may hand over', () => {
  it('offers the exact sum and the next round amounts', () => {
    expect(quickTenders(123.45)).toEqual([123.45, 130, 150, 200]);
  });

  it('does not repeat a round amount', () => {
    expect(quickTenders(100)).toEqual([100]);
    expect(quickTenders(40)).toEqual([40, 50, 100]);
  });

  it('offers nothing without an amount', () => {
    expect(quickTenders(null)).toEqual([]);
    expect(quickTenders(0)).toEqual([]);
  });
});

describe('the payment body the API receives', () => {
  it('sends the tendered cash only for cash', () => {
    expect(toPaymentBody(values({ tendered: 150 }))).toMatchObject({
      method: 'CASH',
      tendered: 150,
      reference: null,
    });
    expect(toPaymentBody(values({ method: 'PIX', tendered: 150 })).tendered).toBeNull();
  });

  it('sends installments only for a credit card', () => {
    expect(toPaymentBody(values({ method: 'CREDIT_CARD', installments: '3' })).installments).toBe(3);
    expect(toPaymentBody(values({ method: 'DEBIT_CARD', installments: '3' })).installments).toBe(1);
  });

  it('keeps the card authorization code and drops empty text', () => {
    const body = toPaymentBody(values({ method: 'DEBIT_CARD', reference: ' 123456 ', note: '  ' }));
    expect(body).toMatchObject({ reference: '123456', note: null });
  });

  it('passes the shared schema for a cash payment with change, and fails it when the cash is short', () => {
    expect(PaymentCreateSchema.safeParse(toPaymentBody(values({ tendered: 150 }))).success).toBe(true);
    const short = PaymentCreateSchema.safeParse(toPaymentBody(values({ tendered: 50 })));
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe('validation.tendered_below_amount');
  });

  it('fails the shared schema without an amount', () => {
    expect(PaymentCreateSchema.safeParse(toPaymentBody(values({ amount: '' }))).success).toBe(false);
  });
});
