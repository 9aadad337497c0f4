import {
  CONSENT_CHANNELS,
  type CONSENT_SOURCES,
  type CONTACT_CHANNELS,
  type ConsentChannel,
  type Customer,
  type CustomerCreate,
  CustomerCreateSchema,
  type CustomerUpdate,
  CustomerUpdateSchema,
  type DocumentType,
  formatCep,
  formatPhone,
  type Locale,
  type PHONE_LABELS,
  type REMINDER_FREQUENCIES,
} from '@bancada/shared';
import { parseWith } from '../../app/form';
import { maskDocument } from '../../app/masks';

export type PhoneLabel = (typeof PHONE_LABELS)[number];
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ReminderFrequency = (typeof REMINDER_FREQUENCIES)[number];
/** what staff may name as the source (a customer's unsubscribe link is never chosen by hand) */
export type ConsentSource = Exclude<(typeof CONSENT_SOURCES)[number], 'unsubscribe-link'>;

export interface PhoneRow {
  label: PhoneLabel;
  number: string;
}

export interface AddressRow {
  label: string;
  street: string;
  number: string;
  complement: string;
  neighborhood: string;
  city: string;
  state: string;
  postalCode: string;
  ibgeCode: string;
  country: string;
}

export interface CustomerValues {
  kind: Customer['kind'];
  name: string;
  tradeName: string;
  documentType: DocumentType;
  document: string;
  email: string;
  phone: string;
  phones: PhoneRow[];
  addresses: AddressRow[];
  notes: string;
  preferences: {
    contactChannel: ContactChannel | null;
    reminderFrequency: ReminderFrequency | null;
    locale: Locale | null;
    notes: string;
  };
  /** transactional consent per channel, and marketing (promotions) per channel (issue 14 §6) */
  consents: Record<ConsentChannel, boolean> & { source: ConsentSource };
}

export function emptyAddress(country = 'BR'): AddressRow {
  return {
    label: '',
    street: '',
    number: '',
    complement: '',
    neighborhood: '',
    city: '',
    state: '',
    postalCode: '',
    ibgeCode: '',
    country,
  };
}

export function emptyCustomer(): CustomerValues {
  return {
    kind: 'person',
    name: '',
    tradeName: '',
    documentType: 'CPF',
    document: '',
    email: '',
    phone: '',
    phones: [],
    addresses: [emptyAddress()],
    notes: '',
    preferences: { contactChannel: null, reminderFrequency: null, locale: null, notes: '' },
    consents: {
      email: false,
      sms: false,
      whatsapp: false,
      marketing_email: false,
      marketing_sms: false,
      marketing_whatsapp: false,
      source: 'counter',
    },
  };
}

/** The phone as people read it: national format for Brazil, E.164 for other countries. */
function phoneForInput(e164: string | null): string {
  return e164 ? formatPhone(e164) : '';
}

export function toValues(customer: Customer): CustomerValues {
  const documentType = customer.documentType ?? (customer.kind === 'company' ? 'CNPJ' : 'CPF');
  return {
    kind: customer.kind,
    name: customer.name,
    tradeName: customer.tradeName ?? '',
    documentType,
    document: customer.document ? maskDocument(documentType, customer.document) : '',
    email: customer.email ?? '',
    phone: phoneForInput(customer.phone),
    phones: customer.phones.map((p) => ({ label: p.label, number: phoneForInput(p.number) })),
    addresses: customer.addresses.map((a) => ({
      label: a.label,
      street: a.street,
      number: a.number,
      complement: a.complement,
      neighborhood: a.neighborhood,
      city: a.city,
      state: a.state,
      postalCode: a.country === 'BR' && a.postalCode ? formatCep(a.postalCode) : a.postalCode,
      ibgeCode: a.ibgeCode ?? '',
      country: a.country,
    })),
    notes: customer.notes ?? '',
    preferences: {
      contactChannel: customer.preferences.contactChannel ?? null,
      reminderFrequency: customer.preferences.reminderFrequency ?? null,
      locale: customer.preferences.locale ?? null,
      notes: customer.preferences.notes ?? '',
    },
    consents: {
      email: customer.consents.email.granted,
      sms: customer.consents.sms.granted,
      whatsapp: customer.consents.whatsapp.granted,
      marketing_email: customer.consents.marketing_email.granted,
      marketing_sms: customer.consents.marketing_sms.granted,
      marketing_whatsapp: customer.consents.marketing_whatsapp.granted,
      source: 'counter',
    },
  };
}

function isBlankAddress(address: AddressRow): boolean {
  const { country: _country, label: _label, ...fields } = address;
  return Object.values(fields).every((value) => value.trim() === '');
}

/**
 * The form values shaped as the shared schema reads them (indices kept, so errors land on the
 * right row). Blank optional fields become null.
 */
export function toCandidate(values: CustomerValues) {
  const document = values.document.trim();
  return {
    kind: values.kind,
    name: values.name,
    tradeName: values.kind === 'company' ? values.tradeName.trim() || null : null,
    document: document || null,
    documentType: document ? values.documentType : null,
    email: values.email,
    phone: values.phone,
    phones: values.phones,
    addresses: values.addresses.map((address) => ({ ...address, ibgeCode: address.ibgeCode.trim() || null })),
    notes: values.notes.trim() || null,
    preferences: {
      contactChannel: values.preferences.contactChannel,
      reminderFrequency: values.preferences.reminderFrequency,
      locale: values.preferences.locale,
      notes: values.preferences.notes.trim() || null,
    },
    consents: values.consents,
  };
}

function withoutBlankAddresses(values: CustomerValues): CustomerValues {
  return { ...values, addresses: values.addresses.filter((address) => !isBlankAddress(address)) };
}

export function createBody(values: CustomerValues): CustomerCreate {
  const body = parseWith(CustomerCreateSchema, toCandidate(withoutBlankAddresses(values)));
  // a new customer has granted what is ticked; an unticked channel was never asked, not revoked
  const granted = CONSENT_CHANNELS.filter((channel) => values.consents[channel]);
  const { consents: _consents, ...rest } = body;
  if (granted.length === 0) return rest;
  return {
    ...rest,
    consents: {
      ...Object.fromEntries(granted.map((channel) => [channel, true])),
      source: values.consents.source,
    },
  };
}

/** Only what changed goes in the PATCH, so a concurrent edit of another field is not undone. */
export function updateBody(initial: CustomerValues, values: CustomerValues): CustomerUpdate {
  const before = toCandidate(withoutBlankAddresses(initial));
  const after = toCandidate(withoutBlankAddresses(values));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (key === 'consents' || key === 'documentType') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  // the type says how to read the number: they travel together
  if (before.document !== after.document || before.documentType !== after.documentType) {
    changes.document = after.document;
    changes.documentType = after.documentType;
  }
  const consentChanges: Record<string, unknown> = {};
  for (const channel of CONSENT_CHANNELS) {
    if (before.consents[channel] !== after.consents[channel])
      consentChanges[channel] = after.consents[channel];
  }
  if (Object.keys(consentChanges).length > 0) {
    changes.consents = { ...consentChanges, source: after.consents.source };
  }
  return parseWith(CustomerUpdateSchema, changes);
}
