import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../test/helpers.js';
import { createComponent } from '../test/inventory.js';
import { writeOpenApiDocument } from './openapi.js';
import { SERVER_ROOT } from './paths.js';

const run = promisify(execFile);
const TSC = path.join(
  path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
  'bin/tsc',
);

// A program as an API user would write it against the generated types: sign in, create a customer,
// create seed 004's order, download its intake receipt. It must compile under `tsc --strict`.
const CLIENT_PROGRAM = `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export async function runClient(baseUrl: string, login: { email: string; password: string }, componentIds: [string, string]) {
  const api = createClient<paths>({ baseUrl });
  const session = await api.POST('/api/auth/login', { body: { ...login, rememberMe: false } });
  if (!session.data) throw new Error(\`login: \${session.response.status}\`);
  // an account with two-step sign-in answers a challenge instead of tokens
  if ('twoFactor' in session.data) throw new Error(\`login: second step \${session.data.twoFactor} required\`);
  const tokens = session.data;
  const headers = { authorization: \`Bearer \${tokens.accessToken}\` };

  const customer = await api.POST('/api/customers', { headers, body: { name: 'Maria da Silva' } });
  if (!customer.data) throw new Error(\`create customer: \${customer.response.status}\`);

  const repair = await api.POST('/api/repairs', {
    headers,
    body: {
      userId: customer.data.id,
      appliances: [
        {
          type: 'Geladeira',
          brand: 'Brastemp',
          model: 'BRM45',
          voltage: '127 V',
          serial: 'ABC123456',
          customerNote: 'Não está gelando a parte de baixo',
          laborValue: 150.0,
        },
      ],
      parts: [
        { componentId: componentIds[0], quantity: 1 },
        { componentId: componentIds[1], quantity: 2 },
      ],
      nf: 'NF-12345',
      returnGuarantee: true,
      fabricGuarantee: false,
      discount: 25.5,
      receivedAt: '2025-11-13T10:00:00.000Z',
      deadline: '2025-11-20T18:00:00.000Z',
      serviceDescription: 'Cliente relata que a geladeira não está gelando adequadamente.',
      notes: 'Verificar sistema de refrigeração.',
      status: 'NAO_INICIADO',
      updatedAt: '2025-11-13T10:00:00.000Z',
    },
  });
  if (!repair.data) throw new Error(\`create repair: \${repair.response.status} \${JSON.stringify(repair.error)}\`);

  const receipt = await api.GET('/api/repairs/{id}/documents/intake.pdf', {
    headers,
    params: { path: { id: repair.data.id } },
    parseAs: 'arrayBuffer',
  });
  if (!receipt.data) throw new Error(\`intake receipt: \${receipt.response.status}\`);

  const repairData: { partsTotal: number; laborValue: number; discount: number; totalValue: number; status: string } =
    repair.data;
  return {
    role: tokens.user.role,
    customer: { id: customer.data.id, name: customer.data.name, status: customer.response.status },
    repair: { ...repairData, userId: repair.data.userId, status: repair.response.status, state: repair.data.status },
    receipt: {
      contentType: receipt.response.headers.get('content-type'),
      head: new TextDecoder().decode(receipt.data.slice(0, 5)),
    },
  };
}
`;

type ClientModule = {
  runClient: (
    baseUrl: string,
    login: { email: string; password: string },
    componentIds: [string, string],
  ) => Promise<{
    role: string;
    customer: { id: string; name: string; status: number };
    repair: Record<string, unknown>;
    receipt: { contentType: string | null; head: string };
  }>;
};

type Operation = {
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};

let t: TestApp;
let dir: string;
let documentFile: string;

beforeAll(async () => {
  t = await createTestApp();
  // inside the repository (.tmp is ignored), so the program finds openapi-fetch in node_modules
  const tmpRoot = path.resolve(SERVER_ROOT, '../../.tmp');
  await mkdir(tmpRoot, { recursive: true });
  dir = await mkdtemp(path.join(tmpRoot, 'openapi-client-'));
  documentFile = path.join(dir, 'openapi.json');
  await writeOpenApiDocument(documentFile);
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the API document as a generated client sees it', () => {
  it('is the document the server serves', async () => {
    const served = (await t.request('GET', '/api/openapi.json')).json();
    expect(JSON.parse(await readFile(documentFile, 'utf8'))).toEqual(served);
  });

  it('declares downloads with their media types as binary and the upload bodies', async () => {
    const doc = JSON.parse(await readFile(documentFile, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const op = (url: string, method: string) => doc.paths[url]?.[method] as Operation;
    const downloads: [string, string[]][] = [
      ['/api/repairs/{id}/documents/intake.pdf', ['application/pdf']],
      ['/api/repairs/{id}/documents/report.pdf', ['application/pdf']],
      ['/api/purchase-orders/{id}/pdf', ['application/pdf']],
      ['/api/repairs/{id}/photos/{photoId}', ['image/jpeg', 'image/png', 'image/webp']],
      ['/api/assets/{id}/label', ['image/png']],
      ['/api/customers/export', ['text/csv']],
    ];
    for (const [url, types] of downloads) {
      const content = op(url, 'get').responses['200']?.content ?? {};
      expect(Object.keys(content), url).toEqual(types);
      for (const type of types)
        expect(content[type]?.schema, url).toEqual({ type: 'string', format: 'binary' });
      // errors stay JSON
      expect(Object.keys(op(url, 'get').responses['401']?.content ?? {}), url).toEqual(['application/json']);
    }
    const upload = op('/api/repairs/{id}/photos', 'post').requestBody?.content['multipart/form-data']?.schema;
    expect(upload).toMatchObject({
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    });
    const csv = op('/api/customers/import', 'post').requestBody?.content;
    expect(csv?.['text/csv']?.schema).toMatchObject({ type: 'string' });
  });

  it('generates types that a strict client program compiles against, and the program works', async () => {
    const document = JSON.parse(await readFile(documentFile, 'utf8'));
    await writeFile(path.join(dir, 'schema.d.ts'), astToString(await openapiTS(document)));
    await writeFile(path.join(dir, 'client.ts'), CLIENT_PROGRAM);
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          types: [],
          outDir: 'out',
        },
        files: ['client.ts', 'schema.d.ts'],
      }),
    );
    const compiled = await run(process.execPath, [TSC, '-p', dir, '--strict'], { cwd: dir }).catch(
      (error: { stdout?: string; stderr?: string }) => ({
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? 'tsc failed',
      }),
    );
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');

    // seed 004's components: 85.50 and 45.00
    const thermostat = await createComponent(t, { name: 'Termostato', price: 85.5, stock: 5 });
    const relay = await createComponent(t, { name: 'Relé de partida', price: 45.0, stock: 5 });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const client = (await import(pathToFileURL(path.join(dir, 'out/client.js')).href)) as ClientModule;
    const result = await client.runClient(`http://127.0.0.1:${port}`, ADMIN, [thermostat.id, relay.id]);

    expect(result.role).toBe('ADMINISTRATOR');
    expect(result.customer).toMatchObject({ name: 'Maria da Silva', status: 201 });
    expect(result.repair).toMatchObject({
      status: 201,
      userId: result.customer.id,
      state: 'NAO_INICIADO',
      partsTotal: 175.5,
      laborValue: 150,
      discount: 25.5,
      totalValue: 300,
    });
    expect(result.receipt).toEqual({ contentType: 'application/pdf', head: '%PDF-' });
  }, 180_000);
});
