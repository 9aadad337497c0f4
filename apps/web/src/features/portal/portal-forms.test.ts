import { type Customer, PortalRegisterSchema } from '@bancada/shared';
import { describe, expect, it, vi } from 'vitest';
import { updateBody } from '../customers/customer-form';
import { EMPTY_REGISTRATION, portalValues, registerBody } from './portal-forms';

// app/form reaches the browser's session; its parseWith is the schema's parse
vi.mock('../../app/form', () => ({
  parseWith: (schema: { parse: (value: unknown) => unknown }, value: unknown) => schema.parse(value),
}));

const filled = {
  ...EMPTY_REGISTRATION,
  name: 'Clara Souza',
  email: 'Clara@Cliente.test',
  password: 'uma-senha-longa',
  confirmation: 'uma-senha-longa',
  acceptPrivacyPolicy: true,
};

function issuesOf(values: typeof filled) {
  const result = PortalRegisterSchema.safeParse(registerBody(values, 'pt-BR'));
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('the sign-up form', () => {
  it('leaves blank optional fields out and sends the language being read', () => {
    const body = registerBody(filled, 'es');
    expect(body).not.toHaveProperty('phone');
    expect(body).not.toHaveProperty('document');
    expect(body.locale).toBe('es');
    expect(PortalRegisterSchema.parse(body).email).toBe('clara@cliente.test');
  });

  it('sends a typed phone as E.164 and a CPF without its mask', () => {
    const parsed = PortalRegisterSchema.parse(
      registerBody({ ...filled, phone: '(11) 98765-4321', document: '529.982.247-25' }, 'pt-BR'),
    );
    expect(parsed.phone).toBe('+5511987654321');
    expect(parsed.document).toBe('52998224725');
  });

  it.each([
    ['the privacy policy not accepted', { acceptPrivacyPolicy: false }, 'acceptPrivacyPolicy'],
    ['a short password', { password: 'curta', confirmation: 'curta' }, 'password'],
    ['no name', { name: '  ' }, 'name'],
    ['an e-mail without a domain', { email: 'clara@' }, 'email'],
    ['an invalid CPF', { document: '111.111.111-12' }, 'document'],
  ])('refuses %s on its field', (_case, change, field) => {
    expect(issuesOf({ ...filled, ...change })).toHaveProperty(field);
  });
});

const state = (granted: boolean) => ({ granted, at: null, source: null });
const customer: Customer = {
  id: '7d0c1c1e-8a53-4f0e-9d55-3f1f2a9b6c01',
  kind: 'person',
  name: 'Clara Souza',
  tradeName: null,
  document: null,
  documentType: null,
  documentFormatted: null,
  email: 'clara@cliente.test',
  phone: '+5511987654321',
  phones: [],
  addresses: [],
  notes: 'staff only',
  preferences: { reminderFrequency: null, contactChannel: null, locale: null, notes: null },
  birthDate: null,
  consents: {
    email: state(true),
    sms: state(false),
    whatsapp: state(false),
    marketing_email: state(false),
    marketing_sms: state(false),
    marketing_whatsapp: state(false),
  },
  portalUserId: '0f5b8c52-3f0a-4a4b-9a53-9a0f3f6f4e11',
  assetCount: 0,
  lastVisitAt: null,
  createdAt: '2026-12-01T12:00:00.000Z',
  updatedAt: '2026-12-01T12:00:00.000Z',
  version: 1,
};

describe('my data', () => {
  it('offers an address row to fill in when the record has none, and sends nothing untouched', () => {
    const values = portalValues(customer);
    expect(values.addresses).toHaveLength(1);
    expect(updateBody(values, values)).toEqual({});
  });

  it('sends only the consents the customer changed, as given in the portal', () => {
    const before = portalValues(customer);
    const after = { ...before, consents: { ...before.consents, whatsapp: true, email: false } };
    expect(updateBody(before, after)).toEqual({
      consents: { whatsapp: true, email: false, source: 'portal' },
    });
  });

  it('sends a new reminder frequency and address without touching the staff notes', () => {
    const before = portalValues(customer);
    const address = { ...before.addresses[0]!, street: 'Rua das Flores', number: '12', city: 'Campinas' };
    const after = {
      ...before,
      addresses: [address],
      preferences: { ...before.preferences, reminderFrequency: 'quarterly' as const },
    };
    const body = updateBody(before, after);
    expect(body.preferences?.reminderFrequency).toBe('quarterly');
    expect(body.addresses?.[0]).toMatchObject({ street: 'Rua das Flores', number: '12', city: 'Campinas' });
    expect(body).not.toHaveProperty('notes');
  });
});
