import {
  type DocumentType,
  formatPhone,
  type Supplier,
  type SupplierCreate,
  SupplierCreateSchema,
  type SupplierUpdate,
  SupplierUpdateSchema,
} from '@bancada/shared';
import { parseWith } from '../../app/form';
import { maskDocument } from '../../app/masks';
import {
  LEAD_TIME_DAYS,
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  readNumberBox,
} from '../../app/number-rules';

export interface ContactRow {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface SupplierValues {
  name: string;
  documentType: DocumentType;
  document: string;
  email: string;
  phone: string;
  leadTimeDays: NumberBoxValue;
  contacts: ContactRow[];
  notes: string;
}

export function emptySupplier(): SupplierValues {
  return {
    name: '',
    documentType: 'CNPJ',
    document: '',
    email: '',
    phone: '',
    leadTimeDays: '',
    contacts: [],
    notes: '',
  };
}

export function emptyContact(): ContactRow {
  return { name: '', role: '', email: '', phone: '' };
}

export function toSupplierValues(supplier: Supplier): SupplierValues {
  const documentType = supplier.documentType ?? 'CNPJ';
  return {
    name: supplier.name,
    documentType,
    document: supplier.document ? maskDocument(documentType, supplier.document) : '',
    email: supplier.email ?? '',
    phone: supplier.phone ? formatPhone(supplier.phone) : '',
    leadTimeDays: supplier.leadTimeDays ?? '',
    contacts: supplier.contacts.map((contact) => ({
      name: contact.name,
      role: contact.role,
      email: contact.email ?? '',
      phone: contact.phone ? formatPhone(contact.phone) : '',
    })),
    notes: supplier.notes ?? '',
  };
}

/** The form values shaped as the shared schema reads them; blank optional fields become null. */
export function toCandidate(values: SupplierValues) {
  const document = values.document.trim();
  return {
    name: values.name,
    document: document || null,
    documentType: document ? values.documentType : null,
    email: values.email,
    phone: values.phone,
    leadTimeDays: readNumberBox(values.leadTimeDays),
    contacts: values.contacts,
    notes: values.notes.trim() || null,
  };
}

/**
 * The lead time as typed: −3 or 2,5 days is refused on the field in the shop's words, never turned
 * into 3 or 2 (the box no longer drops the sign or the decimals; zod's own words would be English).
 */
export function supplierNumberMessages(values: SupplierValues): Record<string, NumberMessage> {
  const leadTime = numberFieldMessage(values.leadTimeDays, LEAD_TIME_DAYS);
  return leadTime ? { leadTimeDays: leadTime } : {};
}

export function createBody(values: SupplierValues): SupplierCreate {
  return parseWith(SupplierCreateSchema, toCandidate(values));
}

/** Only what changed goes in the PATCH; the document travels with its type. */
export function updateBody(initial: SupplierValues, values: SupplierValues): SupplierUpdate {
  const before = toCandidate(initial);
  const after = toCandidate(values);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (key === 'documentType') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  if (before.document !== after.document || before.documentType !== after.documentType) {
    changes.document = after.document;
    changes.documentType = after.documentType;
  }
  return parseWith(SupplierUpdateSchema, changes);
}
