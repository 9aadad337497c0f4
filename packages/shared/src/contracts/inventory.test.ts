import { describe, expect, it } from 'vitest';
import {
  ComponentCreateSchema,
  ComponentListQuerySchema,
  ReceiptSchema,
  StockAdjustmentSchema,
  SupplierCreateSchema,
  ToolCheckoutSchema,
} from './inventory.js';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('inventory contracts', () => {
  it('accepts seed 004’s component and defaults the rest', () => {
    const parsed = ComponentCreateSchema.parse({
      id: 'comp-001',
      name: 'Termostato',
      code: 'TERM-001',
      price: 85.5,
      stock: 15,
      category: 'Refrigeração',
      supplier: 'Refrigeração Brasil Ltda',
    });
    expect(parsed).toMatchObject({ unit: 'UN', minStock: 0, cost: 0, description: '', active: true });
  });

  it.each([
    [{ stock: 1.5 }, 'validation.quantity_whole'],
    [{ stock: -1 }, 'validation.quantity_negative'],
    [{ stock: 1.2345, unit: 'KG' }, 'validation.quantity_decimals'],
    [{ price: 1.999 }, 'validation.money_decimals'],
    [{ id: 'com espaço' }, 'validation.component_id'],
  ])('rejects %o with %s', (extra, message) => {
    const result = ComponentCreateSchema.safeParse({ name: 'X', code: 'X', ...extra });
    expect(messages(result)).toContain(message);
  });

  it('takes fractional quantities for KG, L and M', () => {
    expect(ComponentCreateSchema.parse({ name: 'Óleo', code: 'O', unit: 'L', stock: 2.5 }).stock).toBe(2.5);
  });

  it('reads query flags from a URL or from code', () => {
    expect(ComponentListQuerySchema.parse({ belowMinimum: 'true' }).belowMinimum).toBe(true);
    expect(ComponentListQuerySchema.parse({ belowMinimum: false }).belowMinimum).toBe(false);
    expect(ComponentListQuerySchema.safeParse({ pageSize: '500' }).success).toBe(true);
    expect(ComponentListQuerySchema.safeParse({ pageSize: '501' }).success).toBe(false);
  });

  it('wants a non-zero delta and a reason for an adjustment', () => {
    expect(messages(StockAdjustmentSchema.safeParse({ delta: 0, reason: 'contagem' }))).toContain(
      'validation.quantity_nonzero',
    );
    expect(messages(StockAdjustmentSchema.safeParse({ delta: 2, reason: '' }))).toContain(
      'validation.reason_required',
    );
  });

  it('validates and normalizes a supplier’s CNPJ, or takes a foreign id', () => {
    expect(SupplierCreateSchema.parse({ name: 'F', document: '11.222.333/0001-81' })).toMatchObject({
      document: '11222333000181',
      documentType: 'CNPJ',
    });
    expect(messages(SupplierCreateSchema.safeParse({ name: 'F', document: '11.222.333/0001-00' }))).toContain(
      'validation.document_cnpj',
    );
    expect(
      SupplierCreateSchema.parse({ name: 'F', document: 'ab 12345', documentType: 'OTHER' }).document,
    ).toBe('AB12345');
  });

  it('needs a technician or a service order to check a tool out, and positive receipts', () => {
    expect(messages(ToolCheckoutSchema.safeParse({ note: 'x' }))).toContain('validation.checkout_target');
    expect(
      ReceiptSchema.safeParse({ lines: [{ lineId: '00000000-0000-4000-8000-000000000000', quantity: 0 }] })
        .success,
    ).toBe(false);
  });
});
