import { DEFAULT_WARRANTY_DAYS, type RepairCreateParsed, sqlQuantity, toCents } from '@bancada/shared';

export type ApplianceInput = RepairCreateParsed['appliances'][number];
export type ServiceInput = RepairCreateParsed['services'][number];
export type PartInput = RepairCreateParsed['parts'][number];

/** A component as a part line prices it. */
export type PricedComponent = { id: string; name: string; code: string; unit: string; priceCents: number };

/** An appliance line's columns from seed 004's appliance object. */
export function applianceColumns(a: ApplianceInput, position: number) {
  return {
    position,
    type: a.type,
    brand: a.brand ?? null,
    model: a.model ?? null,
    voltage: a.voltage ?? null,
    serial: a.serial ?? null,
    customerNote: a.customerNote ?? null,
    laborCents: toCents(a.laborValue),
    estimatedHours: a.estimatedHours == null ? null : String(a.estimatedHours),
    warrantyDays: a.warrantyDays ?? DEFAULT_WARRANTY_DAYS,
  };
}

/** A part line's own columns: the component's name and price as they are now, the quantity reserved. */
export function partLineColumns(p: { quantity: number; component: PricedComponent }, warrantyDays: number) {
  return {
    componentId: p.component.id,
    name: p.component.name,
    code: p.component.code,
    unit: p.component.unit,
    quantity: sqlQuantity(p.quantity),
    unitPriceCents: p.component.priceCents,
    warrantyDays,
    stockState: 'reserved',
  };
}

/** A part line of an order, at its position. */
export function partColumns(
  order: { id: string; organizationId: string },
  p: { quantity: number; component: PricedComponent },
  position: number,
  warrantyDays: number,
) {
  return {
    organizationId: order.organizationId,
    repairId: order.id,
    position,
    ...partLineColumns(p, warrantyDays),
  };
}
