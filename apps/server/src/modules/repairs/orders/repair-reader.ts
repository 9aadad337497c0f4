import type {
  CursorPage,
  CustomerRepair,
  Repair,
  RepairEvent,
  RepairSummary as RepairListItem,
  RepairListQuerySchema,
} from '@bancada/shared';
import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../../platform/keyset.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { UsersService } from '../../users/users.service.js';
import type { EstimatesRepo } from '../estimates/estimates.repo.js';
import type { LinesRepo } from '../lines/lines.repo.js';
import type { Lines } from '../lines/totals.js';
import type { RepairTimeRepo } from '../time/time.repo.js';
import { assertMayRead, assertOwnOrder, toCustomerEvents, toCustomerRepair } from './order-access.js';
import { parseEstimateSummary, toEvent, toRepair, toRepairListItem } from './repair-view.js';
import type { RepairRow, RepairsRepo } from './repairs.repo.js';

export type RepairListQueryParsed = z.output<typeof RepairListQuerySchema>;

// how many customers and assets a text search may match before the order query (an index lookup)
const SEARCH_MATCHES = 2000;
const SEARCH_APPLIANCE_ORDERS = 5000;

const present = (ids: (string | null | undefined)[]) => ids.filter((v): v is string => Boolean(v));

export type RepairReaderDeps = {
  db: Database;
  repo: RepairsRepo;
  linesRepo: Pick<LinesRepo, 'applianceTypesSql' | 'repairIdsOnAssets' | 'linesJson' | 'linesFromJson'>;
  estimates: Pick<EstimatesRepo, 'latestSummaryJson' | 'latestJson' | 'latestFromJson'>;
  time: Pick<RepairTimeRepo, 'actualSecondsSql'>;
  customers: Pick<CustomersService, 'searchIds'>;
  assets: Pick<AssetsService, 'summaries' | 'labels' | 'searchIds'>;
  users: Pick<UsersService, 'namesByIds'>;
  clock: () => Date;
};

/** Reading orders: one as the API answers it, the filtered list, the timeline. */
export function createRepairReader(deps: RepairReaderDeps) {
  const { db, repo, customers, assets, users, clock } = deps;

  /** What the order module keeps about an order, as columns of the statement that reads it. */
  const extrasOf = (repairId: SQL, now: Date | Placeholder) => ({
    ...deps.linesRepo.linesJson(repairId),
    estimate: deps.estimates.latestJson(repairId),
    actualSeconds: deps.time.actualSecondsSql(repairId, now),
  });
  const readPrepared = repo.prepareFindWith(db, 'repair_read', (repairId) =>
    extrasOf(repairId, sql.placeholder('now')),
  );

  /**
   * The names and the asset an order's answer shows: technicians from users, the customer's name
   * and the asset from customers (one statement each, sent together).
   */
  async function namesOf(executor: Database, organizationId: string, row: RepairRow, lines: Lines) {
    const technicianIds = present([row.technicianId, ...lines.services.map((s) => s.technicianId)]);
    const [technicianNames, labels] = await Promise.all([
      users.namesByIds(executor, organizationId, [...new Set(technicianIds)]),
      assets.labels(executor, organizationId, {
        customerIds: [row.customerId],
        assetIds: present([row.assetId]),
      }),
    ]);
    return {
      technicianNames,
      asset: row.assetId ? labels.assets.get(row.assetId) : undefined,
      customerName: labels.customerNames.get(row.customerId) ?? '',
    };
  }

  /**
   * The order as the API answers it, in two round trips: the order with its lines, latest estimate,
   * time and warranty order in one statement, then the names other modules keep.
   */
  async function load(executor: Database, ctx: AuthedContext, id: string): Promise<Repair> {
    const organizationId = ctx.actor.organizationId;
    const now = clock();
    // on the pool (a GET) the statement is prepared; in a transaction (after a change) it is built
    const found =
      executor === db
        ? await readPrepared({ organizationId, id, now })
        : await repo.findWith(executor, organizationId, id, (repairId) => extrasOf(repairId, now));
    if (!found) throw notFound('repairs.not_found');
    const { row, extras, warrantyOfNumber } = found;
    const lines = deps.linesRepo.linesFromJson(extras);
    const names = await namesOf(executor, organizationId, row, lines);
    return toRepair(row, {
      ...names,
      lines,
      estimate: deps.estimates.latestFromJson(extras.estimate),
      actualSeconds: Number(extras.actualSeconds ?? 0),
      warrantyOfNumber: warrantyOfNumber === null ? undefined : Number(warrantyOfNumber),
      now,
    });
  }

  /**
   * A new order as the API answers it, from the rows its creation has just written and the names
   * `namesOf` read, so nothing is read twice: it has no estimate and no time yet, and the creation
   * knows its warranty order's number.
   */
  function viewCreated(
    created: { row: RepairRow; lines: Lines; warrantyOfNumber: number | undefined },
    names: Awaited<ReturnType<typeof namesOf>>,
  ): Repair {
    return toRepair(created.row, {
      ...names,
      lines: created.lines,
      estimate: undefined,
      actualSeconds: 0,
      warrantyOfNumber: created.warrantyOfNumber,
      now: clock(),
    });
  }

  /**
   * What a list search matches besides the order itself: customers by name, e-mail or phone and
   * assets by plate, serial, brand or model (their modules' indexed search), and the orders those
   * appliances are on. Bounded, so the order query stays an index lookup.
   */
  async function searchMatches(organizationId: string, q: string) {
    const [customerIds, assetIds] = await Promise.all([
      customers.searchIds(db, organizationId, q, SEARCH_MATCHES),
      assets.searchIds(db, organizationId, q, SEARCH_MATCHES),
    ]);
    const repairIds = await deps.linesRepo.repairIdsOnAssets(db, assetIds, SEARCH_APPLIANCE_ORDERS);
    return { customerIds, assetIds, repairIds };
  }

  async function list(ctx: AuthedContext, q: RepairListQueryParsed): Promise<CursorPage<RepairListItem>> {
    assertCan(ctx, 'repairs:read');
    const organizationId = ctx.actor.organizationId;
    const now = clock();
    const matches = q.q ? await searchMatches(organizationId, q.q) : undefined;
    const cursorId = q.cursor ? decodeCursor(q.cursor) : undefined;
    const { rows, total, capped, more } = await repo.list(
      db,
      organizationId,
      {
        cursorId,
        matches,
        statuses: q.status,
        customerId: q.customerId,
        assetId: q.assetId,
        technicianId: q.technicianId === 'me' ? ctx.actor.userId : q.technicianId,
        serviceType: q.serviceType,
        priority: q.priority,
        from: q.from,
        to: q.to,
        open: q.open === undefined ? undefined : q.open === 'true',
        overdue: q.overdue === 'true',
        q: q.q || undefined,
        sort: q.sort,
        page: q.page,
        pageSize: q.pageSize,
        now,
      },
      (repairId) => ({
        applianceTypes: deps.linesRepo.applianceTypesSql(repairId),
        estimate: deps.estimates.latestSummaryJson(repairId),
      }),
    );
    const unique = (values: (string | null)[]) => [...new Set(present(values))];
    // the page with what the order module keeps in one statement, then the names other modules
    // keep, batched by id: two more statements, sent together
    const [technicianNames, labels] = await Promise.all([
      users.namesByIds(db, organizationId, unique(rows.map((r) => r.row.technicianId))),
      assets.labels(db, organizationId, {
        customerIds: unique(rows.map((r) => r.row.customerId)),
        assetIds: unique(rows.map((r) => r.row.assetId)),
      }),
    ]);
    const names = { ...labels, technicianNames, now };
    const last = rows.at(-1);
    return {
      items: rows.map(({ row, extras, warrantyOfNumber }) =>
        toRepairListItem(row, names, {
          applianceTypes: (extras.applianceTypes as string[] | null) ?? [],
          estimate: parseEstimateSummary(extras.estimate),
          warrantyOfNumber: warrantyOfNumber === null ? undefined : Number(warrantyOfNumber),
        }),
      ),
      total,
      totalCapped: capped,
      page: q.page,
      pageSize: q.pageSize,
      nextCursor: more && last ? encodeCursor(last.row.id) : null,
    };
  }

  return {
    load,
    namesOf,
    viewCreated,
    list,

    ...orderReads(db, repo, load),

    /** For a module below this one (a tool lent to an order), through the composition root. */
    async exists(executor: Database, organizationId: string, id: string): Promise<boolean> {
      return Boolean(await repo.findById(executor, organizationId, id));
    },
  };
}
export type RepairReader = ReturnType<typeof createRepairReader>;

/** One order and its timeline, for staff with repairs:read or the order's own CUSTOMER (order-access.ts). */
function orderReads(
  db: Database,
  repo: RepairsRepo,
  load: (executor: Database, ctx: AuthedContext, id: string) => Promise<Repair>,
) {
  return {
    /**
     * The whole order, for staff with repairs:read or its own CUSTOMER (another customer's: 404); for
     * the module's own use (documents, estimates). A CUSTOMER's answer goes through `read`.
     */
    async get(ctx: AuthedContext, id: string): Promise<Repair> {
      assertMayRead(ctx, 'repairs:read');
      const repair = await load(db, ctx, id);
      assertOwnOrder(ctx, repair);
      return repair;
    },

    /** GET /repairs/{id}: the whole order for staff, the customer's view for a CUSTOMER. */
    async read(ctx: AuthedContext, id: string): Promise<Repair | CustomerRepair> {
      assertMayRead(ctx, 'repairs:read');
      const repair = await load(db, ctx, id);
      assertOwnOrder(ctx, repair);
      return ctx.actor.role === 'CUSTOMER' ? toCustomerRepair(repair) : repair;
    },

    /** The timeline; a CUSTOMER gets the events they follow, without notes (`toCustomerEvents`). */
    async events(ctx: AuthedContext, id: string): Promise<{ items: RepairEvent[] }> {
      assertMayRead(ctx, 'repairs:read');
      const row = await repo.findById(db, ctx.actor.organizationId, id);
      if (!row) throw notFound('repairs.not_found');
      assertOwnOrder(ctx, row);
      const items = (await repo.events(db, ctx.actor.organizationId, id)).map(toEvent);
      return { items: ctx.actor.role === 'CUSTOMER' ? toCustomerEvents(items) : items };
    },
  };
}
