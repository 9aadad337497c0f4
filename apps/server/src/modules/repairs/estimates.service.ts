import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type ApprovalChannel,
  type Estimate,
  type EstimateCreate,
  EstimateCreateSchema,
  type EstimateDecision,
  EstimateDecisionSchema,
  type EstimateStatus,
  findTransition,
  mayMake,
  type PublicEstimate,
  partTotalCents,
  type RepairStatus,
  toMilli,
} from '@bancada/shared';
import { and, desc, eq } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import {
  customers,
  organizations,
  repairAppliances,
  repairEstimates,
  repairParts,
  repairServices,
} from '../../db/schema/index.js';
import type { EstimateSnapshot } from '../../db/schema/repairs.js';
import { canonicalJson, recordAudit } from '../../platform/audit.js';
import type { AuthedContext, RequestContext } from '../../platform/context.js';
import { assertCan } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { AssetsRepo } from '../customers/assets.repo.js';
import { assetLabel } from '../customers/assets.service.js';

import type { StockService } from '../inventory/stock.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { EstimateRow, RepairRow, RepairsRepo } from './repairs.repo.js';
import { moveStock, type RepairsService } from './repairs.service.js';

const DAY_MS = 86_400_000;
const money = (c: number) => c / 100;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Versioned estimates and the customer's answer, line by line (CDC art. 39 VI and 40; PRODUCT §4):
 * through a signed, expiring link with no login, the portal, or recorded by staff in person.
 * The record keeps who, when, which version, the channel, IP and user agent, and the document hash.
 */
export function createEstimatesService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: RepairsRepo;
  repairs: RepairsService;
  assets: AssetsRepo;
  stock: StockService;
  outbox: OutboxService;
  cipher: Cipher;
  publicUrl: string;
  now?: () => Date;
}) {
  const { db, pool, repo, repairs, stock, outbox, cipher } = deps;
  const clock = deps.now ?? (() => new Date());

  // ------------------------------------------------------------ the signed link

  // 128 bits of a keyed HMAC: short enough for a WhatsApp message, far beyond guessing
  function signature(payload: Buffer): Buffer {
    return Buffer.from(cipher.lookupHash(`estimate-link:${payload.toString('hex')}`), 'hex').subarray(0, 16);
  }

  /** uuid (16 bytes) + expiry in seconds (4 bytes), then the signature: about 50 characters. */
  function tokenFor(estimateId: string, validUntil: Date): string {
    const payload = Buffer.alloc(20);
    Buffer.from(estimateId.replace(/-/g, ''), 'hex').copy(payload, 0);
    payload.writeUInt32BE(Math.floor(validUntil.getTime() / 1000), 16);
    return `${payload.toString('base64url')}.${signature(payload).toString('base64url')}`;
  }

  /** The estimate a link names, if its signature holds (expiry is checked against the row). */
  function readToken(token: string): string | null {
    const [encoded, sig] = token.split('.');
    if (!encoded || !sig) return null;
    const payload = Buffer.from(encoded, 'base64url');
    const given = Buffer.from(sig, 'base64url');
    if (payload.length !== 20 || given.length !== 16) return null;
    if (!timingSafeEqual(signature(payload), given)) return null;
    const hex = payload.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // ------------------------------------------------------------ snapshot and mapping

  async function snapshotOf(executor: Database, row: RepairRow): Promise<EstimateSnapshot> {
    // sequential: the executor is often a transaction's single connection
    const appliances = await repo.appliances(executor, row.id);
    const services = await repo.services(executor, row.id);
    const parts = await repo.parts(executor, row.id);
    const lines: EstimateSnapshot['lines'] = [
      ...appliances.map((a) => ({
        lineType: 'appliance' as const,
        lineId: a.id,
        description: [a.type, a.brand, a.model].filter(Boolean).join(' '),
        quantity: 1,
        unitValueCents: a.laborCents,
        totalCents: a.laborCents,
      })),
      ...services.map((s) => ({
        lineType: 'service' as const,
        lineId: s.id,
        description: s.description,
        quantity: Number(s.hours),
        unitValueCents: s.priceCents,
        totalCents: s.priceCents,
      })),
      ...parts.map((p) => ({
        lineType: 'part' as const,
        lineId: p.id,
        description: `${p.name} (${p.code})`,
        quantity: Number(p.quantity),
        unitValueCents: p.unitPriceCents,
        totalCents: partTotalCents(toMilli(p.quantity), p.unitPriceCents),
      })),
    ];
    const partsTotalCents = lines.filter((l) => l.lineType === 'part').reduce((s, l) => s + l.totalCents, 0);
    const laborCents = lines.filter((l) => l.lineType !== 'part').reduce((s, l) => s + l.totalCents, 0);
    const discountCents = Math.min(row.discountCents, partsTotalCents + laborCents);
    const hours =
      appliances.reduce((s, a) => s + Math.round(Number(a.estimatedHours ?? 0) * 100), 0) +
      services.reduce((s, l) => s + Math.round(Number(l.hours) * 100), 0);
    return {
      lines,
      partsTotalCents,
      laborCents,
      discountCents,
      totalCents: partsTotalCents + laborCents - discountCents,
      estimatedHours: hours / 100,
    };
  }

  /** What the customer reads: lines and totals, the order and its validity. Its hash is the document's. */
  function documentHashOf(row: RepairRow, version: number, snapshot: EstimateSnapshot, validUntil: Date) {
    return sha256(
      canonicalJson({
        repairId: row.id,
        number: row.number,
        version,
        validUntil: validUntil.toISOString(),
        ...snapshot,
      }),
    );
  }

  function linesHash(snapshot: EstimateSnapshot) {
    return sha256(canonicalJson(snapshot.lines));
  }

  function effectiveStatus(row: EstimateRow, now: Date): EstimateStatus {
    return row.status === 'pending' && row.validUntil < now ? 'expired' : (row.status as EstimateStatus);
  }

  function toEstimate(row: EstimateRow, repairNumber: number, now: Date): Estimate {
    const decisions = row.decisions ?? {};
    return {
      id: row.id,
      repairId: row.repairId,
      repairNumber,
      version: row.version,
      status: effectiveStatus(row, now),
      validUntil: row.validUntil.toISOString(),
      lines: row.snapshot.lines.map((l) => ({
        lineType: l.lineType,
        lineId: l.lineId,
        description: l.description,
        quantity: l.quantity,
        unitValue: money(l.unitValueCents),
        totalValue: money(l.totalCents),
        decision: decisions[l.lineId] ?? null,
      })),
      partsTotal: money(row.snapshot.partsTotalCents),
      laborValue: money(row.snapshot.laborCents),
      discount: money(row.snapshot.discountCents),
      totalValue: money(row.snapshot.totalCents),
      estimatedHours: row.snapshot.estimatedHours,
      documentHash: row.documentHash,
      createdBy: row.createdByName,
      createdAt: row.createdAt.toISOString(),
      decision:
        row.decidedAt && row.decisionChannel && row.signerName
          ? {
              channel: row.decisionChannel as ApprovalChannel,
              signerName: row.signerName,
              decidedAt: row.decidedAt.toISOString(),
              ip: row.decisionIp,
              userAgent: row.decisionUserAgent,
              documentHash: row.decisionHash ?? row.documentHash,
              recordedBy: row.recordedByName,
            }
          : null,
    };
  }

  async function estimateByVersion(executor: Database, repairId: string, version: number) {
    const [row] = await executor
      .select()
      .from(repairEstimates)
      .where(and(eq(repairEstimates.repairId, repairId), eq(repairEstimates.version, version)));
    return row;
  }

  async function estimateById(executor: Database, id: string, forUpdate = false) {
    const query = executor.select().from(repairEstimates).where(eq(repairEstimates.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  }

  // ------------------------------------------------------------ sending

  async function create(ctx: AuthedContext, repairId: string, input: EstimateCreate) {
    assertCan(ctx, 'repairs:update');
    const data = EstimateCreateSchema.parse(input);
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async (tx) => {
      const row = await repairs.lockOpen(tx, ctx, repairId, undefined);
      repairs.refuseClosed(ctx, row);
      const now = clock();
      const previous = await repo.latestEstimate(tx.db, repairId);
      const version = (previous?.version ?? 0) + 1;
      // an estimate not yet answered is replaced by the new version
      await tx.db
        .update(repairEstimates)
        .set({ status: 'superseded' })
        .where(and(eq(repairEstimates.repairId, repairId), eq(repairEstimates.status, 'pending')));
      const snapshot = await snapshotOf(tx.db, row);
      const validUntil = new Date(now.getTime() + data.validDays * DAY_MS);
      const [estimate] = await tx.db
        .insert(repairEstimates)
        .values({
          organizationId,
          repairId,
          version,
          status: 'pending',
          validUntil,
          snapshot,
          documentHash: documentHashOf(row, version, snapshot, validUntil),
          createdById: ctx.actor.userId,
          createdByName: ctx.actor.name,
          createdAt: now,
        })
        .returning();
      // every line on the estimate waits for the customer's answer, declined ones offered again
      for (const table of [repairAppliances, repairServices, repairParts] as const) {
        await tx.db.update(table).set({ approval: 'pending' }).where(eq(table.repairId, repairId));
      }
      await repairs.event(tx, ctx, repairId, {
        type: 'estimate_sent',
        note: data.note ?? null,
        data: { version, validUntil: validUntil.toISOString(), total: money(snapshot.totalCents) },
      });
      const from = row.status as RepairStatus;
      const move = findTransition(from, 'AGUARDANDO_APROVACAO');
      let current = row;
      if (move && mayMake(move, ctx.actor.role, ctx.actor.grants)) {
        current = await repo.update(tx.db, organizationId, repairId, {
          status: 'AGUARDANDO_APROVACAO',
          statusChangedAt: now,
        });
        await repairs.event(tx, ctx, repairId, {
          type: 'status',
          fromStatus: from,
          toStatus: 'AGUARDANDO_APROVACAO',
          note: t(ctx.locale, 'estimates.status_note', { version }),
        });
      }
      await repairs.recalculate(tx, ctx, current);
      const link = `${deps.publicUrl}/estimate/${tokenFor(estimate!.id, validUntil)}`;
      if (data.notify) await notify(tx, ctx, row, version, link, validUntil, snapshot);
      const result = toEstimate(estimate!, row.number, now);
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.estimate_sent',
        entity: 'repair',
        entityId: repairId,
        after: {
          version,
          validUntil: result.validUntil,
          documentHash: result.documentHash,
          total: result.totalValue,
        },
      });
      return { ...result, link };
    });
  }

  async function notify(
    tx: Tx,
    ctx: AuthedContext,
    row: RepairRow,
    version: number,
    link: string,
    validUntil: Date,
    snapshot: EstimateSnapshot,
  ) {
    const [customer] = await tx.db
      .select({ name: customers.name, email: customers.email, preferences: customers.preferences })
      .from(customers)
      .where(eq(customers.id, row.customerId));
    if (!customer?.email) return;
    const [org] = await tx.db
      .select({ name: organizations.name, currency: organizations.currency })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId));
    const params = {
      name: customer.name,
      shop: org?.name ?? '',
      number: String(row.number),
      version,
      total: new Intl.NumberFormat(ctx.locale, {
        style: 'currency',
        currency: org?.currency ?? 'BRL',
      }).format(money(snapshot.totalCents)),
      validUntil: new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long' }).format(validUntil),
      link,
    };
    await outbox.queueEmail(tx, {
      organizationId: row.organizationId,
      to: customer.email,
      subject: t(ctx.locale, 'mail.estimate.subject', params),
      text: t(ctx.locale, 'mail.estimate.body', params),
      relatedEntity: 'repair',
      relatedId: row.id,
    });
  }

  // ------------------------------------------------------------ answering

  async function decide(
    tx: Tx,
    ctx: RequestContext,
    actorCtx: AuthedContext | null,
    estimate: EstimateRow,
    input: EstimateDecision,
    channel: ApprovalChannel,
  ): Promise<EstimateRow> {
    const data = EstimateDecisionSchema.parse(input);
    const now = clock();
    const status = effectiveStatus(estimate, now);
    if (status === 'expired') throw new AppError('CONFLICT', 'estimates.expired');
    if (status === 'superseded') throw new AppError('CONFLICT', 'estimates.superseded');
    if (status !== 'pending') throw new AppError('CONFLICT', 'estimates.already_decided');
    const lineIds = new Set(estimate.snapshot.lines.map((l) => l.lineId));
    const decisions = new Map(data.decisions.map((d) => [d.lineId, d.decision]));
    const details: Record<string, string> = {};
    for (const id of decisions.keys())
      if (!lineIds.has(id)) details[`decisions.${id}`] = 'estimates.unknown_line';
    for (const id of lineIds) if (!decisions.has(id)) details[`decisions.${id}`] = 'validation.required';
    if (Object.keys(details).length) throw new AppError('VALIDATION', 'validation.failed', {}, details);

    const row = await repo.findById(tx.db, estimate.organizationId, estimate.repairId, { forUpdate: true });
    if (!row) throw notFound('repairs.not_found');
    // the lines must still be what the customer is reading; a changed order needs a new version
    if (linesHash(await snapshotOf(tx.db, row)) !== linesHash(estimate.snapshot)) {
      await tx.db
        .update(repairEstimates)
        .set({ status: 'superseded' })
        .where(eq(repairEstimates.id, estimate.id));
      throw new AppError('CONFLICT', 'estimates.changed');
    }
    // through the link the customer is not a user: ledger rows name them and the order's author
    const system: AuthedContext = actorCtx ?? {
      ...ctx,
      actor: {
        userId: row.createdById!,
        name: `${data.signerName} (${t(ctx.locale, 'estimates.via_link')})`,
        email: '',
        role: 'CUSTOMER',
        organizationId: row.organizationId,
        branchId: null,
        sessionId: 'estimate-link',
        grants: {},
        customerId: row.customerId,
      },
    };
    const released: { componentId: string; quantity: number }[] = [];
    // a part declined on an earlier version and approved now goes back on reserve
    const retaken: { componentId: string; quantity: number }[] = [];
    for (const line of estimate.snapshot.lines) {
      const decision = decisions.get(line.lineId)!;
      if (line.lineType === 'appliance') {
        await tx.db
          .update(repairAppliances)
          .set({ approval: decision })
          .where(eq(repairAppliances.id, line.lineId));
      } else if (line.lineType === 'service') {
        await tx.db
          .update(repairServices)
          .set({ approval: decision })
          .where(eq(repairServices.id, line.lineId));
      } else {
        const [part] = await tx.db.select().from(repairParts).where(eq(repairParts.id, line.lineId));
        // a declined part goes back to the shelf; it stays on the order as a recommendation
        if (decision === 'declined' && part?.stockState === 'reserved') {
          released.push({ componentId: part.componentId, quantity: Number(part.quantity) });
          await tx.db
            .update(repairParts)
            .set({ approval: decision, stockState: 'released' })
            .where(eq(repairParts.id, part.id));
        } else if (decision === 'approved' && part?.stockState === 'released') {
          retaken.push({ componentId: part.componentId, quantity: Number(part.quantity) });
          await tx.db
            .update(repairParts)
            .set({ approval: decision, stockState: 'reserved' })
            .where(eq(repairParts.id, part.id));
        } else {
          await tx.db.update(repairParts).set({ approval: decision }).where(eq(repairParts.id, line.lineId));
        }
      }
    }
    await moveStock(
      tx,
      system,
      { type: 'repair', id: row.id, reason: `OS ${row.number}` },
      retaken,
      released,
      stock,
    );
    const values = [...decisions.values()];
    const outcome: EstimateStatus = values.every((v) => v === 'approved')
      ? 'approved'
      : values.every((v) => v === 'declined')
        ? 'declined'
        : 'partially_approved';
    const [updated] = await tx.db
      .update(repairEstimates)
      .set({
        status: outcome,
        decisions: Object.fromEntries(decisions),
        decisionChannel: channel,
        signerName: data.signerName,
        decidedAt: now,
        decisionIp: ctx.ip,
        decisionUserAgent: ctx.userAgent,
        decisionHash: estimate.documentHash,
        decisionNote: data.note ?? null,
        recordedByName: actorCtx?.actor.name ?? null,
      })
      .where(eq(repairEstimates.id, estimate.id))
      .returning();
    await repairs.event(tx, system, row.id, {
      type: 'estimate_decided',
      note: data.note ?? null,
      data: {
        version: estimate.version,
        outcome,
        channel,
        signerName: data.signerName,
        approved: values.filter((v) => v === 'approved').length,
        declined: values.filter((v) => v === 'declined').length,
      },
    });
    await repairs.recalculate(tx, system, row);
    await recordAudit(tx.db, system, {
      organizationId: row.organizationId,
      action: 'repair.estimate_decided',
      entity: 'repair',
      entityId: row.id,
      after: {
        version: estimate.version,
        outcome,
        channel,
        signerName: data.signerName,
        documentHash: estimate.documentHash,
        decisions: Object.fromEntries(decisions),
      },
    });
    return updated!;
  }

  async function publicView(executor: Database, estimate: EstimateRow): Promise<PublicEstimate> {
    const now = clock();
    const row = await repo.findById(executor, estimate.organizationId, estimate.repairId);
    if (!row) throw notFound('estimates.not_found');
    const [org] = await executor
      .select({ name: organizations.name, currency: organizations.currency })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId));
    const [customer] = await executor
      .select({ name: customers.name })
      .from(customers)
      .where(eq(customers.id, row.customerId));
    const asset = row.assetId
      ? (await deps.assets.findManyById(executor, row.organizationId, [row.assetId]))[0]
      : undefined;
    const { createdBy: _createdBy, ...view } = toEstimate(estimate, row.number, now);
    return {
      ...view,
      shopName: org?.name ?? '',
      currency: org?.currency ?? 'BRL',
      customerName: customer?.name ?? '',
      assetLabel: asset ? assetLabel(asset) : null,
      serviceDescription: row.serviceDescription,
      isExpired: view.status === 'expired',
      canDecide: view.status === 'pending',
    };
  }

  /** The order first, then the estimate: the same lock order as sending one, so no deadlock. */
  async function lockForDecision(tx: Tx, estimate: EstimateRow): Promise<EstimateRow> {
    await repo.findById(tx.db, estimate.organizationId, estimate.repairId, { forUpdate: true });
    return (await estimateById(tx.db, estimate.id, true))!;
  }

  async function fromToken(executor: Database, token: string) {
    const id = readToken(token);
    const estimate = id ? await estimateById(executor, id) : undefined;
    if (!estimate) throw notFound('estimates.link_invalid');
    return estimate;
  }

  return {
    create,

    async list(ctx: AuthedContext, repairId: string): Promise<{ items: Estimate[] }> {
      const repair = await repairs.get(ctx, repairId);
      const rows = await db
        .select()
        .from(repairEstimates)
        .where(eq(repairEstimates.repairId, repairId))
        .orderBy(desc(repairEstimates.version));
      const now = clock();
      return { items: rows.map((r) => toEstimate(r, repair.number, now)) };
    },

    /** Staff recording the customer's answer (in person, by phone), or the customer in the portal. */
    async decideAsUser(ctx: AuthedContext, repairId: string, version: number, input: EstimateDecision) {
      const row = await repo.findById(db, ctx.actor.organizationId, repairId);
      if (!row) throw notFound('repairs.not_found');
      let channel: ApprovalChannel = 'in_person';
      if (ctx.actor.role === 'CUSTOMER') {
        if (ctx.actor.customerId !== row.customerId) throw notFound('repairs.not_found');
        channel = 'portal';
      } else {
        assertCan(ctx, 'repairs:update');
      }
      return inTransaction(pool, async (tx) => {
        const estimate = await estimateByVersion(tx.db, repairId, version);
        if (!estimate) throw notFound('estimates.not_found');
        const locked = await lockForDecision(tx, estimate);
        const updated = await decide(tx, ctx, ctx, locked, input, channel);
        return toEstimate(updated, row.number, clock());
      });
    },

    async getPublic(token: string): Promise<PublicEstimate> {
      return publicView(db, await fromToken(db, token));
    },

    async decidePublic(ctx: RequestContext, token: string, input: EstimateDecision): Promise<PublicEstimate> {
      return inTransaction(pool, async (tx) => {
        const estimate = await lockForDecision(tx, await fromToken(tx.db, token));
        const updated = await decide(tx, ctx, null, estimate, input, 'link');
        return publicView(tx.db, updated);
      });
    },
  };
}
export type EstimatesService = ReturnType<typeof createEstimatesService>;
