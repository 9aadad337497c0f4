import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

type Violation = { rule: { name: string }; from: string; to: string };

/**
 * Plants each kind of breach in a throw-away tree shaped like the app and runs the project's own
 * dependency-cruiser configuration over it: every rule must fire on its breach and stay quiet on
 * the allowed imports beside it.
 */
describe('module boundaries (.dependency-cruiser.cjs)', () => {
  let dir: string;
  let violations: Violation[];

  const files: Record<string, string> = {
    'apps/server/src/db/client.ts': 'export type Database = { query(): void };\n',
    'apps/server/src/db/schema/repairs.ts': 'export const repairs = {};\n',
    'apps/server/src/db/schema/inventory.ts': 'export const components = {};\n',
    'apps/server/src/platform/errors.ts': 'export const notFound = () => new Error();\n',
    'apps/server/src/modules/users/users.service.ts': 'export const names = () => new Map();\n',
    'apps/server/src/modules/customers/customers.repo.ts': 'export const find = () => 1;\n',
    // allowed: a lower module's service, platform, the database as a type
    'apps/server/src/modules/customers/customers.service.ts': [
      "import type { Database } from '../../db/client.js';",
      "import { notFound } from '../../platform/errors.js';",
      "import { names } from '../users/users.service.js';",
      "import { find } from './customers.repo.js';",
      'export const get = (db: Database) => [db, names(), find(), notFound()];',
      '',
    ].join('\n'),
    // planted: another module's repository
    'apps/server/src/modules/search/search.service.ts':
      "import { find } from '../customers/customers.repo.js';\nexport const search = () => find();\n",
    // planted: a module the map does not allow (customers may not use repairs)
    'apps/server/src/modules/customers/assets.service.ts':
      "import { order } from '../repairs/repairs.service.js';\nexport const label = () => order();\n",
    'apps/server/src/modules/repairs/repairs.service.ts': 'export const order = () => 1;\n',
    // planted: another module's table in a repository
    'apps/server/src/modules/inventory/components.repo.ts':
      "import { repairs } from '../../db/schema/repairs.js';\nimport { components } from '../../db/schema/inventory.js';\nexport const all = () => [repairs, components];\n",
    // planted: a route that opens the database
    'apps/server/src/modules/inventory/components.routes.ts':
      "import type { Database } from '../../db/client.js';\nexport const route = (db: Database) => db;\n",
    // planted: a repository that calls up into a service
    'apps/server/src/modules/repairs/repairs.repo.ts':
      "import { order } from './repairs.service.js';\nexport const load = () => order();\n",
    // planted: a cycle inside a module
    'apps/server/src/modules/repairs/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
    'apps/server/src/modules/repairs/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    'tsconfig.depcruise.json': JSON.stringify({
      compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', strict: true },
      include: ['apps'],
    }),
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bancada-boundaries-'));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    await copyFile(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    // exits non-zero when rules are broken, which is the point here
    const output = await run(
      process.execPath,
      [bin, 'apps', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: dir, maxBuffer: 20_000_000 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    violations = JSON.parse(output.stdout).summary.violations;
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const broken = (from: string) =>
    violations.filter((v) => v.from === `apps/server/src/modules/${from}`).map((v) => v.rule.name);

  it('refuses another module’s repository', () => {
    expect(broken('search/search.service.ts')).toContain('search-through-services-only');
  });

  it('refuses a module the map does not allow', () => {
    expect(broken('customers/assets.service.ts')).toContain('customers-uses-only-its-map');
  });

  it('refuses another module’s tables in a repository', () => {
    const rules = violations.filter((v) => v.from === 'apps/server/src/modules/inventory/components.repo.ts');
    expect(rules.map((v) => [v.rule.name, v.to])).toEqual([
      ['inventory-own-tables-only', 'apps/server/src/db/schema/repairs.ts'],
    ]);
  });

  it('refuses a route that imports the database, and a repository that calls a service', () => {
    expect(broken('inventory/components.routes.ts')).toContain('routes-no-database');
    expect(broken('repairs/repairs.repo.ts')).toContain('repositories-no-services');
  });

  it('refuses import cycles', () => {
    expect(broken('repairs/a.ts')).toContain('no-circular');
  });

  it('allows a lower module’s service, platform code and the database as a type', () => {
    expect(broken('customers/customers.service.ts')).toEqual([]);
  });
});
