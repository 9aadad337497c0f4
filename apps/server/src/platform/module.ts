import type pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Cipher } from './crypto.js';
import type { Jobs } from './jobs.js';
import type { Mailer } from './mailer.js';
import type { Storage } from './storage.js';
import type { TokenSigner } from './tokens.js';

/** What the composition root (services.ts) hands every module: infrastructure, never another module. */
export type ModuleDeps = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: Jobs;
  mailer: Mailer;
  signer: TokenSigner;
  cipher: Cipher;
  storage: Storage;
};

/**
 * A lower module that must check a higher module's record (a portal login's customer, a tool lent to
 * a service order) receives this from the composition root instead of importing upwards.
 */
export type ExistsCheck = (executor: Database, organizationId: string, id: string) => Promise<boolean>;
