import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { connectDatabase } from './db/client.js';
import { createCipher } from './platform/crypto.js';
import type { Jobs } from './platform/jobs.js';
import { createTokenSigner } from './platform/tokens.js';

const noJobs = async (): Promise<never> => {
  throw new Error('the OpenAPI document is built without a job queue');
};

/**
 * The API document exactly as /api/openapi.json serves it, built without a database or a listening
 * socket (the pool never connects: nothing is queried). CI lints it; clients are generated from it.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/bancada-openapi-unused' }),
    logLevel: 'silent',
  };
  const handle = connectDatabase('postgres://openapi@127.0.0.1:1/none', { max: 1 });
  const jobs: Jobs = { enqueue: noJobs, work: noJobs, schedule: noJobs, stop: async () => {} };
  const app = await buildApp({
    config,
    db: handle.db,
    pool: handle.pool,
    jobs,
    mailer: null,
    signer: createTokenSigner(randomBytes(32).toString('hex'), config.accessTokenTtlSeconds),
    cipher: createCipher(randomBytes(32).toString('base64')),
    embedded: false,
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await handle.close();
  }
}

export async function writeOpenApiDocument(file: string): Promise<void> {
  const document = await buildOpenApiDocument();
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
}
