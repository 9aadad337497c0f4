import {
  allowedStatuses,
  type ChecklistItemKey,
  findTransition,
  mayMake,
  type RepairStatus,
  type Transition,
} from '@bancada/shared';
import type { AuthedContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import type { EstimateRow } from '../estimates/estimates.repo.js';
import { statusLabel } from '../orders/order-changes.js';

/**
 * The status machine's rule for this move (packages/shared), if the caller may make it: 409 names
 * the statuses allowed from here, 403 says who may (finishing needs a supervisor).
 */
export function ruleFor(ctx: AuthedContext, from: RepairStatus, to: RepairStatus): Transition {
  const rule = findTransition(from, to);
  if (!rule) {
    const allowed = allowedStatuses(from, ctx.actor.role, ctx.actor.grants);
    throw new AppError(
      'CONFLICT',
      'repairs.transition_not_allowed',
      {
        from: statusLabel(ctx.locale, from),
        to: statusLabel(ctx.locale, to),
        allowed: allowed.length
          ? allowed.map((s) => statusLabel(ctx.locale, s)).join(', ')
          : t(ctx.locale, 'repairs.no_allowed'),
      },
      { from, to, allowed },
    );
  }
  if (!mayMake(rule, ctx.actor.role, ctx.actor.grants)) {
    throw new AppError(
      'FORBIDDEN',
      to === 'FINALIZADO' ? 'repairs.finish_requires_supervisor' : 'repairs.transition_role',
      { from: statusLabel(ctx.locale, from), to: statusLabel(ctx.locale, to) },
    );
  }
  return rule;
}

/** The rule's guards: an answered estimate, a complete review checklist. */
export async function assertGuards(
  ctx: AuthedContext,
  rule: Transition,
  state: { estimate: () => Promise<EstimateRow | undefined>; pendingChecklist: ChecklistItemKey[] },
): Promise<void> {
  if (rule.guards.includes('estimate_decided')) {
    const estimate = await state.estimate();
    if (!estimate || estimate.status === 'pending' || estimate.status === 'expired') {
      throw new AppError('CONFLICT', 'repairs.guard_estimate', {}, { guard: 'estimate_decided' });
    }
  }
  const pending = state.pendingChecklist;
  if (rule.guards.includes('checklist_complete') && pending.length) {
    throw new AppError(
      'CONFLICT',
      'repairs.guard_checklist',
      { items: pending.map((k) => t(ctx.locale, `checklist.${k}`)).join(', ') },
      { guard: 'checklist_complete', pending },
    );
  }
}
