import type {
  Incident,
  IncidentCreateSchema,
  IncidentDataCategory,
  IncidentList,
  IncidentStatus,
  IncidentUpdateSchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { takeNumber } from '../../platform/numbers.js';
import { inTransaction } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { IncidentInsert, IncidentRow, PrivacyRepo } from './privacy.repo.js';
import { addWorkingDays, dateIn } from './working-days.js';

type IncidentCreate = z.output<typeof IncidentCreateSchema>;
type IncidentUpdate = z.output<typeof IncidentUpdateSchema>;

/** Res. CD/ANPD 15/2024 art. 6: communicate within 3 working days of learning of the incident. */
export const ANPD_WORKING_DAYS = 3;
/** Res. CD/ANPD 15/2024 art. 10: keep the register for at least 5 years. */
export const KEEP_YEARS = 5;
const LIST_LIMIT = 500;

/** The deadline and the keeping date of an incident discovered at `discoveredAt` (shop calendar). */
export function incidentDates(discoveredAt: Date, timeZone: string) {
  const day = dateIn(discoveredAt, timeZone);
  const keepUntil = `${Number(day.slice(0, 4)) + KEEP_YEARS}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
  return { anpdDeadline: addWorkingDays(day, ANPD_WORKING_DAYS), keepUntil };
}

/** Overdue: past the deadline's last day and neither the ANPD nor (for a closed case) anyone told. */
export function isOverdue(row: Pick<IncidentRow, 'anpdDeadline' | 'anpdNotifiedAt'>, today: string): boolean {
  return row.anpdNotifiedAt === null && today > row.anpdDeadline;
}

function toIncident(row: IncidentRow, today: string): Incident {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    occurredAt: row.occurredAt?.toISOString() ?? null,
    discoveredAt: row.discoveredAt.toISOString(),
    dataCategories: row.dataCategories as IncidentDataCategory[],
    peopleAffected: row.peopleAffected,
    peopleNotifiedAt: row.peopleNotifiedAt?.toISOString() ?? null,
    anpdNotifiedAt: row.anpdNotifiedAt?.toISOString() ?? null,
    measures: row.measures,
    status: row.status as IncidentStatus,
    anpdDeadline: row.anpdDeadline,
    overdue: isOverdue(row, today),
    keepUntil: row.keepUntil,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const date = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

/**
 * The register of security incidents with personal data (LGPD art. 48, Res. CD/ANPD 15/2024): what
 * happened, when, what data and how many people, who was told and when. Nothing is ever deleted here
 * (a trigger refuses it before `keep_until`); every change is audited.
 */
export function createIncidentsService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: PrivacyRepo;
  organization: Pick<OrganizationService, 'profile'>;
  clock: () => Date;
}) {
  const { db, pool, repo, clock } = deps;
  const timeZoneOf = async (executor: Database, organizationId: string) =>
    (await deps.organization.profile(executor, organizationId))?.timeZone ?? 'America/Sao_Paulo';

  return {
    async list(ctx: AuthedContext): Promise<IncidentList> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const [rows, timeZone] = await Promise.all([
        repo.listIncidents(db, organizationId, LIST_LIMIT),
        timeZoneOf(db, organizationId),
      ]);
      const today = dateIn(clock(), timeZone);
      return { items: rows.map((r) => toIncident(r, today)) };
    },

    async get(ctx: AuthedContext, id: string): Promise<Incident> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const row = await repo.findIncident(db, organizationId, id);
      if (!row) throw notFound('privacy.incident_not_found');
      return toIncident(row, dateIn(clock(), await timeZoneOf(db, organizationId)));
    },

    async create(ctx: AuthedContext, input: IncidentCreate): Promise<Incident> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const timeZone = await timeZoneOf(db, organizationId);
      const number = await takeNumber(pool, organizationId, 'privacy_incident', { gapless: false });
      const discoveredAt = new Date(input.discoveredAt);
      return inTransaction(pool, async ({ db: tx }) => {
        const row = await repo.insertIncident(tx, {
          organizationId,
          number,
          title: input.title,
          description: input.description,
          occurredAt: date(input.occurredAt) ?? null,
          discoveredAt,
          dataCategories: input.dataCategories,
          peopleAffected: input.peopleAffected,
          peopleNotifiedAt: date(input.peopleNotifiedAt) ?? null,
          anpdNotifiedAt: date(input.anpdNotifiedAt) ?? null,
          measures: input.measures,
          status: input.status,
          ...incidentDates(discoveredAt, timeZone),
          createdById: ctx.actor.userId,
          createdByName: ctx.actor.name,
        });
        const incident = toIncident(row, dateIn(clock(), timeZone));
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'privacy.incident_created',
          entity: 'privacy_incident',
          entityId: row.id,
          after: incident,
        });
        return incident;
      });
    },

    async update(ctx: AuthedContext, id: string, patch: IncidentUpdate, ifMatch?: number): Promise<Incident> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const timeZone = await timeZoneOf(db, organizationId);
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await repo.findIncident(tx, organizationId, id, { forUpdate: true });
        if (!current) throw notFound('privacy.incident_not_found');
        assertVersion(ifMatch, current.version);
        const values: Partial<IncidentInsert> = {};
        if (patch.title !== undefined) values.title = patch.title;
        if (patch.description !== undefined) values.description = patch.description;
        if (patch.occurredAt !== undefined) values.occurredAt = date(patch.occurredAt);
        if (patch.discoveredAt !== undefined) {
          values.discoveredAt = new Date(patch.discoveredAt);
          // the deadline follows discovery; keeping never shortens
          const dates = incidentDates(values.discoveredAt, timeZone);
          values.anpdDeadline = dates.anpdDeadline;
          values.keepUntil = dates.keepUntil > current.keepUntil ? dates.keepUntil : current.keepUntil;
        }
        if (patch.dataCategories !== undefined) values.dataCategories = patch.dataCategories;
        if (patch.peopleAffected !== undefined) values.peopleAffected = patch.peopleAffected;
        if (patch.peopleNotifiedAt !== undefined) values.peopleNotifiedAt = date(patch.peopleNotifiedAt);
        if (patch.anpdNotifiedAt !== undefined) values.anpdNotifiedAt = date(patch.anpdNotifiedAt);
        if (patch.measures !== undefined) values.measures = patch.measures;
        if (patch.status !== undefined) values.status = patch.status;
        const updated = await repo.updateIncident(tx, organizationId, id, values);
        const today = dateIn(clock(), timeZone);
        const [before, after] = [toIncident(current, today), toIncident(updated, today)];
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'privacy.incident_updated',
          entity: 'privacy_incident',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },
  };
}
export type IncidentsService = ReturnType<typeof createIncidentsService>;
