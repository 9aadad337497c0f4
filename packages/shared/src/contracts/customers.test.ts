import { describe, expect, it } from 'vitest';
import { AssetCreateSchema, ReadingCreateSchema } from './assets.js';
import { CustomerCreateSchema, CustomerUpdateSchema } from './customers.js';

describe('CustomerCreateSchema', () => {
  it('needs only a name', () => {
    const parsed = CustomerCreateSchema.parse({ name: 'João da Silva' });
    expect(parsed).toMatchObject({ name: 'João da Silva', kind: 'person', phones: [], addresses: [] });
  });

  it('normalizes a masked CPF and detects its type', () => {
    const parsed = CustomerCreateSchema.parse({
      name: 'A',
      document: '529.982.247-25',
      phone: '(11) 98765-4321',
    });
    expect(parsed).toMatchObject({ document: '52998224725', documentType: 'CPF', phone: '+5511987654321' });
  });

  it('accepts the alphanumeric CNPJ for companies', () => {
    const parsed = CustomerCreateSchema.parse({
      name: 'ACME',
      kind: 'company',
      document: '12.ABC.345/01DE-35',
    });
    expect(parsed).toMatchObject({ document: '12ABC34501DE35', documentType: 'CNPJ' });
  });

  it('names the field of an invalid document, phone, e-mail and CEP', () => {
    const result = CustomerCreateSchema.safeParse({
      name: 'A',
      document: '529.982.247-24',
      phone: '123',
      email: 'x',
      addresses: [{ postalCode: '123' }],
    });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toMatchObject({
      phone: 'validation.phone',
      email: 'validation.email',
      'addresses.0.postalCode': 'validation.cep',
    });
  });

  it('reports an invalid document once the other fields are valid', () => {
    const result = CustomerCreateSchema.safeParse({ name: 'A', document: '529.982.247-24' });
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path: ['document'], message: 'validation.document_cpf' }),
    ]);
  });

  it('validates foreign tax ids by their type', () => {
    expect(
      CustomerCreateSchema.safeParse({ name: 'A', documentType: 'RUT', document: '12.345.678-5' }).success,
    ).toBe(true);
    expect(
      CustomerCreateSchema.safeParse({ name: 'A', documentType: 'NIT', document: '800.197.268-5' }).success,
    ).toBe(false);
  });

  it('leaves the document untouched on an update that does not mention it', () => {
    expect(CustomerUpdateSchema.parse({ notes: 'x' })).not.toHaveProperty('document', null);
    expect(CustomerUpdateSchema.parse({ document: '' }).document).toBeNull();
  });
});

describe('AssetCreateSchema', () => {
  it('normalizes plates and VINs', () => {
    const car = AssetCreateSchema.parse({ kind: 'vehicle', plate: 'abc-1234', vin: '9bwzzz377vt004251' });
    expect(car).toMatchObject({ plate: 'ABC1234', vin: '9BWZZZ377VT004251' });
  });

  it('needs a type for an appliance, from seed 004’s list', () => {
    expect(AssetCreateSchema.safeParse({ kind: 'appliance' }).success).toBe(false);
    expect(AssetCreateSchema.safeParse({ kind: 'appliance', type: null }).success).toBe(false);
    expect(
      AssetCreateSchema.safeParse({ kind: 'appliance', type: 'Geladeira', voltage: 'Bivolt' }).success,
    ).toBe(true);
    expect(AssetCreateSchema.safeParse({ kind: 'appliance', type: 'Torradeira' }).success).toBe(false);
  });

  it('needs a reason for a correction reading', () => {
    expect(ReadingCreateSchema.safeParse({ value: 10, correction: true }).success).toBe(false);
    expect(
      ReadingCreateSchema.safeParse({ value: 10, correction: true, reason: 'digitado errado' }).success,
    ).toBe(true);
  });
});
