import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { CustomerAddressOutput } from '@bancada/shared';
import type pg from 'pg';
import { loadConfig } from '../apps/server/src/config.js';
import type { Database } from '../apps/server/src/db/client.js';
import type { sealContact } from '../apps/server/src/modules/customers/customers.records.js';
import type { Cipher } from '../apps/server/src/platform/crypto.js';
import type { Jobs } from '../apps/server/src/platform/jobs.js';
import { createTokenSigner } from '../apps/server/src/platform/tokens.js';
import { createServices } from '../apps/server/src/services.js';

/**
 * The services as the server wires them, on a benchmark's database: no job worker (a job would be
 * enqueued nowhere) and no mailer, so a bench times the code the routes call and nothing else.
 */
export function benchServices(options: { db: Database; pool: pg.Pool; cipher: Cipher; dir: string }) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: path.join(options.dir, 'data'),
  });
  const noJobs: Jobs = {
    enqueue: async () => {},
    work: async () => {},
    schedule: async () => {},
    stop: async () => {},
  };
  return createServices({
    config,
    db: options.db,
    pool: options.pool,
    jobs: noJobs,
    mailer: null,
    signer: createTokenSigner(randomBytes(32).toString('hex'), config.accessTokenTtlSeconds),
    cipher: options.cipher,
    embedded: true,
  });
}

/** A generated address (city, state, postal code) with the other fields as the API normalizes them. */
export const benchAddress = (
  place: { city: string; state: string },
  postalCode: string,
): CustomerAddressOutput => ({
  label: '',
  street: '',
  number: '',
  complement: '',
  neighborhood: '',
  city: place.city,
  state: place.state,
  postalCode,
  ibgeCode: null,
  country: 'BR',
});

/**
 * A sealed contact's values in the customers table's column order: email_ciphertext, email_hash,
 * phone_ciphertext, phones_ciphertext, phone_hashes, addresses_ciphertext, address_places.
 */
export const contactColumns = (contact: ReturnType<typeof sealContact>): unknown[] => [
  contact.emailCiphertext,
  contact.emailHash,
  contact.phoneCiphertext,
  contact.phonesCiphertext,
  contact.phoneHashes,
  contact.addressesCiphertext,
  JSON.stringify(contact.addressPlaces),
];
