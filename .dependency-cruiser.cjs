// Module boundaries (ARCHITECTURE §3), checked by `npm run check` through `npm run lint:deps`.
// docs/architecture.md draws the same map; docs/decisions/0004 says why dependency-cruiser.
const SERVER = '^apps/server/src/';
const MODULES_DIR = `${SERVER}modules/`;

/**
 * Who may call whom. A module uses another only through that module's services (`*.service.ts`),
 * and only if it is listed here; its repositories query only the tables in `tables` (files of
 * apps/server/src/db/schema). The map must stay acyclic: a lower module that needs something from a
 * higher one receives it as a function from the composition root (apps/server/src/services.ts).
 */
const MODULE_MAP = {
  health: { uses: [], tables: [] },
  audit: { uses: [], tables: [] },
  live: { uses: [], tables: [] },
  organization: { uses: [], tables: ['organizations'] },
  outbox: { uses: [], tables: ['outbox'] },
  users: { uses: ['organization', 'outbox'], tables: ['users'] },
  customers: { uses: ['users', 'organization'], tables: ['customers', 'assets'] },
  search: { uses: ['customers'], tables: [] },
  inventory: { uses: ['users', 'organization', 'outbox'], tables: ['inventory'] },
  billing: { uses: ['customers', 'inventory', 'users', 'organization', 'outbox'], tables: ['billing'] },
  repairs: {
    uses: ['customers', 'inventory', 'users', 'organization', 'outbox', 'billing'],
    tables: ['repairs', 'repair-parts'],
  },
  // the customer's and the asset's timeline, maintenance reminders included
  history: { uses: ['repairs', 'customers', 'communication'], tables: [] },
  // LGPD tooling (issue 13 §6): reads and anonymises through the owners' services; the export reads
  // messages, tickets, feedback, maintenance (communication) and appointments (scheduling)
  privacy: {
    uses: ['customers', 'repairs', 'billing', 'organization', 'communication', 'scheduling'],
    tables: ['privacy'],
  },
  // backups of the whole installation; the dump reads every table through COPY, never a schema file
  operations: { uses: ['organization', 'users', 'outbox'], tables: ['backups'] },
  // messages to customers (issue 14): turns the outbox's notification events into messages on every
  // channel; conversations, templates, maintenance reminders, feedback, campaigns, tickets and FAQ
  communication: {
    uses: ['customers', 'organization', 'outbox', 'users', 'inventory', 'repairs', 'billing'],
    tables: ['communication'],
  },
  // appointments, bays and the shop's calendar (issue 15 §1); an arrival opens a service order
  scheduling: {
    uses: ['customers', 'organization', 'outbox', 'users', 'repairs'],
    tables: ['scheduling', 'calendar-feeds'],
  },
  // customer accounts: self-registration, e-mail verification, invitations, the customer's own data
  // export (issue 15 §2-3)
  portal: { uses: ['users', 'customers', 'organization', 'outbox', 'privacy'], tables: ['portal'] },
};

function assertAcyclic(map) {
  const state = new Map();
  const visit = (name, path) => {
    if (!map[name]) throw new Error(`module map: "${path.at(-1)}" uses unknown module "${name}"`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new Error(`module map has a cycle: ${[...path, name].join(' → ')}`);
    }
    state.set(name, 'visiting');
    for (const next of map[name].uses) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(map)) visit(name, []);
}
assertAcyclic(MODULE_MAP);

const NOT_TESTS = '\\.test\\.ts$';
const names = Object.keys(MODULE_MAP);

const perModule = Object.entries(MODULE_MAP).flatMap(([name, { uses, tables }]) => {
  const from = { path: `${MODULES_DIR}${name}/`, pathNot: NOT_TESTS };
  const others = names.filter((n) => n !== name && !uses.includes(n));
  const rules = [];
  if (others.length) {
    rules.push({
      name: `${name}-uses-only-its-map`,
      comment: `module "${name}" may use only ${uses.length ? uses.join(', ') : 'platform and shared code'} (MODULE_MAP in .dependency-cruiser.cjs)`,
      severity: 'error',
      from,
      to: { path: `${MODULES_DIR}(${others.join('|')})/` },
    });
  }
  if (uses.length) {
    rules.push({
      name: `${name}-through-services-only`,
      comment: `module "${name}" may reach ${uses.join(', ')} only through their services (*.service.ts), never their repositories, tables or helpers`,
      severity: 'error',
      from,
      to: { path: `${MODULES_DIR}(${uses.join('|')})/`, pathNot: '\\.service\\.ts$' },
    });
  }
  rules.push({
    name: `${name}-own-tables-only`,
    comment: `module "${name}" queries only its own tables (${tables.length ? tables.map((t) => `db/schema/${t}.ts`).join(', ') : 'none'}); anything else comes from the owning module's service`,
    severity: 'error',
    from,
    to: {
      path: `${SERVER}db/schema/`,
      ...(tables.length ? { pathNot: `${SERVER}db/schema/(${tables.join('|')})\\.ts$` } : {}),
    },
  });
  return rules;
});

module.exports = {
  forbidden: [
    ...perModule,
    {
      name: 'unknown-module',
      comment: 'every folder under apps/server/src/modules must be in MODULE_MAP (.dependency-cruiser.cjs)',
      severity: 'error',
      from: { path: `${MODULES_DIR}(?!(${names.join('|')})/)`, pathNot: NOT_TESTS },
      to: {},
    },
    {
      name: 'modules-wired-in-composition-root',
      comment: 'a module factory (*.module.ts) is called only by apps/server/src/services.ts',
      severity: 'error',
      from: { pathNot: `${SERVER}services\\.ts$` },
      to: { path: '\\.module\\.ts$' },
    },
    {
      name: 'tables-only-in-repositories',
      comment: 'only a repository (*.repo.ts) touches tables: services and routes call repositories',
      severity: 'error',
      from: { path: MODULES_DIR, pathNot: `(\\.repo\\.ts|${NOT_TESTS})$` },
      to: { path: `${SERVER}db/schema/` },
    },
    {
      name: 'routes-no-database',
      comment: 'routes call a service; they never open a database, a transaction or SQL (ARCHITECTURE §3)',
      severity: 'error',
      from: { path: '\\.routes\\.ts$' },
      to: {
        path: [`${SERVER}db/`, `${SERVER}platform/tx\\.ts$`, '(^|/)node_modules/(pg|drizzle-orm|pg-boss)/'],
      },
    },
    {
      name: 'routes-no-repositories',
      comment: 'routes call a service, never a repository',
      severity: 'error',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '\\.repo\\.ts$' },
    },
    {
      name: 'services-no-fastify',
      comment: 'services know nothing of HTTP: no Fastify (ARCHITECTURE §3)',
      severity: 'error',
      from: { path: `${MODULES_DIR}.+\\.service\\.ts$` },
      to: { path: '(^|/)node_modules/(fastify|@fastify/[^/]+|fastify-[^/]+)/' },
    },
    {
      name: 'services-no-sql',
      comment: 'services call repositories; drizzle, pg and the database appear in a service only as types',
      severity: 'error',
      from: { path: `${MODULES_DIR}.+\\.service\\.ts$` },
      to: {
        path: [`${SERVER}db/`, '(^|/)node_modules/(pg|drizzle-orm)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'repositories-no-services',
      comment: 'layers go one way: routes → services → repositories; a repository never calls up',
      severity: 'error',
      from: { path: '\\.repo\\.ts$' },
      to: { path: '\\.(service|routes)\\.ts$' },
    },
    {
      name: 'platform-no-modules',
      comment: 'platform/ is below every module: it never imports one',
      severity: 'error',
      from: { path: `${SERVER}(platform|db)/` },
      to: { path: MODULES_DIR },
    },
    {
      name: 'shared-stands-alone',
      comment: 'packages/shared is used by the server and the web app and imports neither',
      severity: 'error',
      from: { path: '^packages/shared/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-not-server',
      comment: 'the web app talks to the server over HTTP and shares only packages/shared',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, inside a module or across modules',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
