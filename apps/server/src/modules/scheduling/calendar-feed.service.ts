import { randomUUID } from 'node:crypto';
import type { CalendarFeed, Locale } from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { type MessageKey, t } from '../../platform/i18n.js';
import { isPubliclyReachable } from '../../platform/public-url.js';
import { hashToken } from '../../platform/tokens.js';
import { inTransaction } from '../../platform/tx.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationProfile, OrganizationService } from '../organization/organization.service.js';
import type { UsersService } from '../users/users.service.js';
import type {
  CalendarFeedOwnerKind,
  CalendarFeedRepo,
  CalendarFeedRow,
  FeedAppointmentRow,
  FeedOwner,
} from './calendar-feed.repo.js';
import { type IcalEvent, type IcalStatus, writeCalendar } from './ical.js';

const DAY_MS = 86_400_000;
/** What a feed lists: 30 days back (recent history) to a year ahead. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;
const REFRESH_MINUTES = 60;

const PATH_SEGMENT: Record<CalendarFeedOwnerKind, string> = {
  TECHNICIAN: 'technicians',
  CUSTOMER: 'customers',
};

/** An appointment's status as a calendar app knows it (RFC 5545 VEVENT STATUS). */
export const ICAL_STATUS_OF: Record<string, IcalStatus> = {
  SCHEDULED: 'TENTATIVE',
  CONFIRMED: 'CONFIRMED',
  ARRIVED: 'CONFIRMED',
  // the time is free again: clients remove (or strike through) the event
  NO_SHOW: 'CANCELLED',
  CANCELLED: 'CANCELLED',
};

/** Catalog services by id (the repairs module's, read through its service). */
export type CatalogServices = (
  executor: Database,
  organizationId: string,
  ids: string[],
) => Promise<Map<string, { name: string }>>;

type Deps = {
  db: Database;
  pool: pg.Pool;
  repo: CalendarFeedRepo;
  /** the installation's keyed hash (platform/crypto lookupHash): it makes each feed's token */
  tokenKey: { lookupHash: (value: string) => string };
  organization: Pick<OrganizationService, 'profile' | 'findBranch'>;
  users: Pick<UsersService, 'activeStaff'>;
  customers: Pick<CustomersService, 'exists' | 'namesByIds'>;
  assets: Pick<AssetsService, 'summaries'>;
  catalogServices: CatalogServices;
  now?: () => Date;
};

/**
 * A feed's token: 32 bytes, the keyed HMAC of the feed's random id, so the account page can show the
 * address again while the database keeps only the token's SHA-256 (a copy of the database alone
 * cannot rebuild an address). Replacing the feed gives a new id, hence a new token.
 */
function tokenOf(key: Deps['tokenKey'], feedId: string): string {
  return Buffer.from(key.lookupHash(`calendar-feed:v1:${feedId}`), 'hex').toString('base64url');
}

function uidHost(publicUrl: string): string {
  if (!isPubliclyReachable(publicUrl)) return 'bancada';
  try {
    return new URL(publicUrl).hostname;
  } catch {
    return 'bancada';
  }
}

const firstName = (name: string | undefined) => name?.trim().split(/\s+/)[0] ?? '';

export function createCalendarFeedService(deps: Deps) {
  const { db, pool, repo, organization } = deps;
  const clock = deps.now ?? (() => new Date());
  const { titleOf, eventsOf } = createFeedWriter(deps);

  async function profileOf(executor: Database, organizationId: string): Promise<OrganizationProfile> {
    const profile = await organization.profile(executor, organizationId);
    if (!profile) throw notFound('calendar.feed_not_found');
    return profile;
  }

  function feedOf(profile: OrganizationProfile, row: CalendarFeedRow): CalendarFeed {
    const base = profile.publicUrl.replace(/\/+$/, '');
    const token = tokenOf(deps.tokenKey, row.id);
    return {
      url: `${base}/api/calendar/${PATH_SEGMENT[row.ownerKind as CalendarFeedOwnerKind]}/${row.ownerId}.ics?token=${token}`,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function insertFeed(tx: Database, ctx: AuthedContext, owner: FeedOwner, replaced: boolean) {
    const id = randomUUID();
    const row = await repo.insert(tx, owner, {
      id,
      tokenHash: hashToken(tokenOf(deps.tokenKey, id)),
      createdAt: clock(),
    });
    await recordAudit(tx, ctx, {
      organizationId: owner.organizationId,
      action: replaced ? 'calendar_feed.replace' : 'calendar_feed.create',
      entity: 'calendar_feed',
      entityId: row.id,
      after: { ownerKind: owner.kind, ownerId: owner.ownerId },
    });
    return row;
  }

  /** The owner's live feed, made on first request. */
  async function liveFeed(ctx: AuthedContext, owner: FeedOwner): Promise<CalendarFeed> {
    const profile = await profileOf(db, owner.organizationId);
    const found = await repo.findLive(db, owner);
    if (found) return feedOf(profile, found);
    const row = await inTransaction(pool, async ({ db: tx }) => {
      await repo.lockOwner(tx, owner);
      return (await repo.findLive(tx, owner)) ?? insertFeed(tx, ctx, owner, false);
    });
    return feedOf(profile, row);
  }

  /** A new address; the old one answers 404 from now on. */
  async function replaceFeed(ctx: AuthedContext, owner: FeedOwner): Promise<CalendarFeed> {
    const profile = await profileOf(db, owner.organizationId);
    const row = await inTransaction(pool, async ({ db: tx }) => {
      await repo.lockOwner(tx, owner);
      const revoked = await repo.revokeLive(tx, owner, clock());
      return insertFeed(tx, ctx, owner, revoked.length > 0);
    });
    return feedOf(profile, row);
  }

  /** A staff member's own feed, or anyone's for whoever manages users (an administrator). */
  async function technicianOwner(ctx: AuthedContext, userId: string): Promise<FeedOwner> {
    if (ctx.actor.role === 'CUSTOMER') throw forbidden();
    if (ctx.actor.userId !== userId) assertCan(ctx, 'users:manage');
    const organizationId = ctx.actor.organizationId;
    if (!(await deps.users.activeStaff(db, organizationId, userId)))
      throw notFound('calendar.owner_not_found');
    return { organizationId, kind: 'TECHNICIAN', ownerId: userId };
  }

  async function customerOwner(ctx: AuthedContext): Promise<FeedOwner> {
    const customerId = ctx.actor.customerId;
    if (ctx.actor.role !== 'CUSTOMER' || !customerId) throw forbidden();
    const organizationId = ctx.actor.organizationId;
    if (!(await deps.customers.exists(db, organizationId, customerId))) throw notFound('customers.not_found');
    return { organizationId, kind: 'CUSTOMER', ownerId: customerId };
  }

  return {
    async forUser(ctx: AuthedContext, userId: string): Promise<CalendarFeed> {
      return liveFeed(ctx, await technicianOwner(ctx, userId));
    },
    async replaceForUser(ctx: AuthedContext, userId: string): Promise<CalendarFeed> {
      return replaceFeed(ctx, await technicianOwner(ctx, userId));
    },
    async forPortal(ctx: AuthedContext): Promise<CalendarFeed> {
      return liveFeed(ctx, await customerOwner(ctx));
    },
    async replaceForPortal(ctx: AuthedContext): Promise<CalendarFeed> {
      return replaceFeed(ctx, await customerOwner(ctx));
    },

    /**
     * The .ics text of a feed, with no sign-in: the token is the credential, compared by its hash.
     * A wrong or replaced token, or one made for another owner, answers 404.
     */
    async ics(kind: CalendarFeedOwnerKind, ownerId: string, token: string): Promise<string> {
      const feed = await repo.findLiveByTokenHash(db, hashToken(token));
      if (!feed || feed.ownerKind !== kind || feed.ownerId !== ownerId)
        throw notFound('calendar.feed_not_found');
      const owner: FeedOwner = { organizationId: feed.organizationId, kind, ownerId };
      const profile = await profileOf(db, owner.organizationId);
      const now = clock();
      const [title, rows] = await Promise.all([
        titleOf(owner, profile),
        repo.appointments(db, owner, {
          from: new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS),
          to: new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS),
        }),
      ]);
      const events = await eventsOf(owner, profile, rows);
      return writeCalendar({
        prodId: '-//Bancada//Calendar feed//EN',
        name: title,
        stamp: now,
        refreshMinutes: REFRESH_MINUTES,
        events,
      });
    },
  };
}

/** The feed's texts: the calendar's name and one event per appointment, in the shop's language. */
function createFeedWriter(deps: Deps) {
  const { db, organization } = deps;
  /** The calendar's name; a deactivated technician's or a removed customer's feed stops working. */
  async function titleOf(owner: FeedOwner, profile: OrganizationProfile): Promise<string> {
    const locale = profile.locale as Locale;
    if (owner.kind === 'TECHNICIAN') {
      const user = await deps.users.activeStaff(db, owner.organizationId, owner.ownerId);
      if (!user) throw notFound('calendar.feed_not_found');
      return t(locale, 'calendar.name_technician', { org: profile.name, name: user.name });
    }
    if (!(await deps.customers.exists(db, owner.organizationId, owner.ownerId)))
      throw notFound('calendar.feed_not_found');
    return t(locale, 'calendar.name_customer', { org: profile.name });
  }

  async function eventsOf(
    owner: FeedOwner,
    profile: OrganizationProfile,
    rows: FeedAppointmentRow[],
  ): Promise<IcalEvent[]> {
    const organizationId = owner.organizationId;
    const locale = profile.locale as Locale;
    const [services, customerNames, assets, branches] = await Promise.all([
      deps.catalogServices(db, organizationId, [...new Set(rows.flatMap((r) => r.serviceIds))]),
      owner.kind === 'TECHNICIAN'
        ? deps.customers.namesByIds(db, organizationId, [...new Set(rows.map((r) => r.customerId))])
        : Promise.resolve(new Map<string, string>()),
      deps.assets.summaries(db, organizationId, [
        ...new Set(rows.flatMap((r) => (r.assetId ? [r.assetId] : []))),
      ]),
      branchNames(organizationId, [...new Set(rows.map((r) => r.branchId))]),
    ]);
    const host = uidHost(profile.publicUrl);
    return rows.map((row) => {
      const serviceText = row.serviceIds.flatMap((id) => services.get(id)?.name ?? []).join(', ');
      const what = serviceText || t(locale, 'calendar.appointment');
      const asset = row.assetId ? assets.get(row.assetId) : undefined;
      const assetText = asset ? [asset.label, asset.plate].filter(Boolean).join(' · ') : '';
      // the technician's feed names the customer by first name only (it lives in a third-party calendar)
      const customer = owner.kind === 'TECHNICIAN' ? firstName(customerNames.get(row.customerId)) : '';
      const lines = [
        customer ? t(locale, 'calendar.event.customer', { name: customer }) : '',
        assetText ? t(locale, 'calendar.event.asset', { asset: assetText }) : '',
        serviceText ? t(locale, 'calendar.event.services', { services: serviceText }) : '',
        t(locale, 'calendar.event.status', {
          status: t(locale, `calendar.status.${row.status}` as MessageKey),
        }),
      ].filter(Boolean);
      const branch = branches.get(row.branchId) ?? '';
      return {
        uid: `${row.id}@${host}`,
        sequence: row.version - 1,
        start: row.startsAt,
        end: row.endsAt,
        status: ICAL_STATUS_OF[row.status] ?? 'TENTATIVE',
        summary:
          owner.kind === 'TECHNICIAN'
            ? [what, customer].filter(Boolean).join(' — ')
            : `${profile.name}: ${what}`,
        description: lines.join('\n'),
        location: owner.kind === 'TECHNICIAN' ? branch : [profile.name, branch].filter(Boolean).join(' — '),
        created: row.createdAt,
        lastModified: row.updatedAt,
      };
    });
  }

  async function branchNames(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    const found = await Promise.all(ids.map((id) => organization.findBranch(db, organizationId, id)));
    return new Map(found.flatMap((branch) => (branch ? [[branch.id, branch.name] as const] : [])));
  }

  return { titleOf, eventsOf };
}

export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;
