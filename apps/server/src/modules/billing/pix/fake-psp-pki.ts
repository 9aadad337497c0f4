import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TestKeyPair = { certPath: string; keyPath: string; cert: string; key: string };

/**
 * Certificates for tests, made at run time by the `openssl` CLI (nothing committed): a CA; the fake
 * provider's server certificate for 127.0.0.1; the shop's client certificate (what PIX_CERT_PATH holds);
 * the provider's own client certificate, presented when it calls our webhook; and a "foreign"
 * self-signed client certificate that no one trusts.
 */
export type TestPki = {
  caPath: string;
  ca: string;
  server: TestKeyPair;
  client: TestKeyPair;
  provider: TestKeyPair;
  foreign: TestKeyPair;
  /** the client certificate and its key in one PEM file */
  clientCombinedPath: string;
};

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];

async function issue(dir: string, name: string, args: string[]): Promise<TestKeyPair> {
  const certPath = path.join(dir, `${name}.crt`);
  const keyPath = path.join(dir, `${name}.key`);
  await run('openssl', ['req', '-x509', ...EC, '-keyout', keyPath, '-out', certPath, ...args]);
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { certPath, keyPath, cert, key };
}

export async function createTestPki(dir: string): Promise<TestPki> {
  const ca = await issue(dir, 'ca', [
    '-subj',
    '/CN=Fake PSP test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const signed = (name: string, subject: string, usage: string, extra: string[] = []) =>
    issue(dir, name, [
      '-subj',
      subject,
      '-CA',
      ca.certPath,
      '-CAkey',
      ca.keyPath,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      `extendedKeyUsage=${usage}`,
      ...extra,
    ]);
  const [server, client, provider, foreign] = await Promise.all([
    signed('server', '/CN=127.0.0.1', 'serverAuth', ['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']),
    signed('client', '/CN=Bancada test shop', 'clientAuth'),
    signed('provider', '/CN=Fake PSP webhook caller', 'clientAuth'),
    issue(dir, 'foreign', ['-subj', '/CN=Someone else', '-addext', 'extendedKeyUsage=clientAuth']),
  ]);
  // one PEM holding both, as some providers hand out (and PIX_CERT_PATH alone then suffices)
  const clientCombinedPath = path.join(dir, 'client-combined.pem');
  await writeFile(clientCombinedPath, client.cert + client.key);
  return { caPath: ca.certPath, ca: ca.cert, server, client, provider, foreign, clientCombinedPath };
}
