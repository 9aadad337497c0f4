import type { Customer, Locale, PortalRegister } from '@bancada/shared';
import { type CustomerValues, emptyAddress, toValues } from '../customers/customer-form';

export interface RegisterValues {
  name: string;
  email: string;
  phone: string;
  document: string;
  password: string;
  confirmation: string;
  acceptPrivacyPolicy: boolean;
}

export const EMPTY_REGISTRATION: RegisterValues = {
  name: '',
  email: '',
  phone: '',
  document: '',
  password: '',
  confirmation: '',
  acceptPrivacyPolicy: false,
};

/**
 * The sign-up form as the shared schema takes it: blank optional fields left out, the e-mails in the
 * language the customer is reading.
 */
export function registerBody(values: RegisterValues, locale: Locale): PortalRegister {
  return {
    name: values.name,
    email: values.email,
    password: values.password,
    ...(values.phone.trim() ? { phone: values.phone } : {}),
    ...(values.document.trim() ? { document: values.document } : {}),
    // the schema refuses anything but true, with the form's own message
    acceptPrivacyPolicy: values.acceptPrivacyPolicy as true,
    locale,
  };
}

/** The customer's record as "My data" edits it: one address row at least, consents changed "in the portal". */
export function portalValues(customer: Customer): CustomerValues {
  const values = toValues(customer);
  return {
    ...values,
    addresses: values.addresses.length > 0 ? values.addresses : [emptyAddress()],
    consents: { ...values.consents, source: 'portal' },
  };
}
