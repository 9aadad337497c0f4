import type { CustomerRepair, Permission, Repair, RepairEvent } from '@bancada/shared';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';

/**
 * Who may read an order (issue 15 §4): staff with the permission, a CUSTOMER only their own orders.
 * Another customer's order answers 404, exactly like a missing one. Call `assertMayRead` before the
 * read and `assertOwnOrder` on the row the read found.
 */
export function assertMayRead(ctx: AuthedContext, staffPermission: Permission): void {
  if (ctx.actor.role === 'CUSTOMER') {
    // a customer login with no record behind it reaches nothing
    if (!ctx.actor.customerId) throw notFound('repairs.not_found');
    return;
  }
  assertCan(ctx, staffPermission);
}

export function assertOwnOrder(ctx: AuthedContext, order: { customerId: string }): void {
  if (ctx.actor.role === 'CUSTOMER' && order.customerId !== ctx.actor.customerId) {
    throw notFound('repairs.not_found');
  }
}

/** The order as its customer reads it: the staff-only fields left out (CustomerRepairSchema). */
export function toCustomerRepair(repair: Repair): CustomerRepair {
  const {
    notes: _notes,
    priority: _priority,
    technicianId: _technicianId,
    technicianName: _technicianName,
    estimatedHours: _estimatedHours,
    actualHours: _actualHours,
    checklist: _checklist,
    isOverdue: _isOverdue,
    appliances,
    parts,
    services,
    ...shared
  } = repair;
  return {
    ...shared,
    appliances: appliances.map(({ estimatedHours: _h, ...line }) => line),
    parts: parts.map(({ componentId: _c, stockState: _s, ...line }) => line),
    services: services.map(({ catalogId: _c, technicianId: _t, technicianName: _n, ...line }) => line),
  };
}

/** The timeline events a customer follows; timers, checklists, assignments, edits and photos are the shop's. */
export const CUSTOMER_EVENT_TYPES: readonly RepairEvent['type'][] = [
  'created',
  'status',
  'estimate_sent',
  'estimate_decided',
];

/** A customer's timeline: their events only, without the staff's notes and the events' internal data. */
export function toCustomerEvents(events: RepairEvent[]): RepairEvent[] {
  return events
    .filter((event) => CUSTOMER_EVENT_TYPES.includes(event.type))
    .map((event) => ({ ...event, note: null, data: null }));
}
