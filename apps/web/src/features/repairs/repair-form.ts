import {
  type APPLIANCE_TYPES,
  computeTotals,
  type FuelLevel,
  fromCents,
  hasAtMostTwoDecimals,
  isWholeUnit,
  partTotalCents,
  type RepairCreate,
  RepairCreateSchema,
  type RepairPriority,
  type ServiceType,
  type Shortage,
  ShortageSchema,
  toCents,
  toMilli,
  translateValidationMessage,
  type Unit,
  type VOLTAGES,
} from '@bancada/shared';
import type { FormErrors } from '@mantine/form';
import { ApiError } from '../../app/api';
import { parseWith, zodResolver } from '../../app/form';
import { currentLocale, i18n } from '../../app/i18n';
import {
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  ORDER_METER_READING,
  withNumberRules,
} from '../../app/number-rules';
import { zonedToday } from '../../app/shop-dates';
import { deadlineInstant, receivedAtInstant } from './repair-dates';

export type ApplianceType = (typeof APPLIANCE_TYPES)[number];
export type Voltage = (typeof VOLTAGES)[number];

export interface ApplianceValues {
  /** React key only */
  key: string;
  type: ApplianceType | null;
  brand: string;
  model: string;
  voltage: Voltage | null;
  serial: string;
  customerNote: string;
  laborValue: number | string;
}

/** seed 004's front-end flow: name and unit price are for display only; the body carries id and quantity. */
export interface PartValues {
  key: string;
  componentId: string;
  name: string;
  code: string;
  unit: Unit;
  unitValue: number;
  /** the available stock when the component was picked */
  stock: number;
  quantity: number | string;
}

export interface ServiceValues {
  key: string;
  catalogId: string | null;
  description: string;
  hours: number | string;
  price: number | string;
}

export interface RepairValues {
  /** when the form was opened: "received today" is this instant, so a retried body stays the same */
  openedAt: string;
  userId: string;
  assetId: string | null;
  odometerKm: NumberBoxValue;
  hourMeter: NumberBoxValue;
  fuelLevel: FuelLevel | null;
  appliances: ApplianceValues[];
  parts: PartValues[];
  services: ServiceValues[];
  serviceDescription: string;
  serviceType: ServiceType;
  priority: RepairPriority;
  /** the shop's time zone: the days picked are days on its calendar */
  timeZone: string | undefined;
  /** YYYY-MM-DD, as the date inputs keep it */
  receivedAt: string | null;
  deadline: string | null;
  condition: string;
  accessories: string[];
  notes: string;
  nf: string;
  returnGuarantee: boolean;
  fabricGuarantee: boolean;
  discount: number | string;
  technicianId: string | null;
}

let keySeed = 0;
export const nextKey = () => `line-${++keySeed}`;

/** Today on the shop's calendar. */
export function todayIso(timeZone?: string): string {
  return zonedToday(timeZone);
}

export function emptyAppliance(): ApplianceValues {
  return {
    key: nextKey(),
    type: null,
    brand: '',
    model: '',
    voltage: null,
    serial: '',
    customerNote: '',
    laborValue: 0,
  };
}

export function emptyRepair(timeZone?: string): RepairValues {
  return {
    openedAt: new Date().toISOString(),
    userId: '',
    assetId: null,
    odometerKm: '',
    hourMeter: '',
    fuelLevel: null,
    appliances: [],
    parts: [],
    services: [],
    serviceDescription: '',
    serviceType: 'REPAIR',
    priority: 'NORMAL',
    timeZone,
    receivedAt: todayIso(timeZone),
    deadline: null,
    condition: '',
    accessories: [],
    notes: '',
    nf: '',
    returnGuarantee: false,
    fabricGuarantee: false,
    discount: 0,
    technicianId: null,
  };
}

/**
 * A number box's value; an empty box is `empty` (NaN makes the schema refuse it). While the box has
 * focus Mantine keeps "25,50" as the string "25.50" (to keep the trailing zero): that is 25.5.
 */
export const numberOr = (value: number | string, empty: number | null) =>
  typeof value === 'number' ? value : value.trim() === '' ? empty : Number(value);

/**
 * The body of POST /repairs before validation. Indexes are kept as in the form, so the server's
 * `appliances.0.laborValue` and `parts.1.quantity` land on the right fields.
 */
export function toCandidate(values: RepairValues) {
  const isVehicle = values.assetId !== null;
  return {
    userId: values.userId,
    appliances: values.appliances.map((a) => ({
      type: a.type ?? undefined,
      brand: a.brand,
      model: a.model,
      voltage: a.voltage,
      serial: a.serial,
      customerNote: a.customerNote,
      laborValue: numberOr(a.laborValue, Number.NaN),
    })),
    // only ids and quantities: prices and totals are the server's (seed 004)
    parts: values.parts.map((p) => ({
      componentId: p.componentId,
      quantity: numberOr(p.quantity, Number.NaN),
    })),
    services: values.services.map((s) => ({
      catalogId: s.catalogId,
      description: s.description.trim(),
      hours: numberOr(s.hours, null) ?? undefined,
      price: numberOr(s.price, null) ?? undefined,
    })),
    receivedAt: receivedAtInstant(values.receivedAt, values.openedAt, values.timeZone),
    deadline: deadlineInstant(values.deadline, values.timeZone),
    // seed 004 rule 7
    status: 'NAO_INICIADO' as const,
    assetId: values.assetId,
    odometerKm: isVehicle ? numberOr(values.odometerKm, null) : null,
    hourMeter: isVehicle ? numberOr(values.hourMeter, null) : null,
    fuelLevel: isVehicle ? values.fuelLevel : null,
    serviceDescription: values.serviceDescription,
    notes: values.notes,
    serviceType: values.serviceType,
    priority: values.priority,
    condition: values.condition,
    accessories: values.accessories,
    nf: values.nf,
    returnGuarantee: values.returnGuarantee,
    fabricGuarantee: values.fabricGuarantee,
    discount: numberOr(values.discount, 0),
    technicianId: values.technicianId,
  };
}

/** Empty number boxes say "required" in the user's language rather than zod's "expected number". */
export function refineEmpties(values: RepairValues): FormErrors {
  const required = translateValidationMessage('validation.required', currentLocale());
  const errors: FormErrors = {};
  values.appliances.forEach((a, i) => {
    if (!Number.isFinite(numberOr(a.laborValue, Number.NaN))) errors[`appliances.${i}.laborValue`] = required;
  });
  values.parts.forEach((p, i) => {
    const quantity = numberOr(p.quantity, Number.NaN);
    if (!Number.isFinite(quantity)) errors[`parts.${i}.quantity`] = required;
    // the schema of a part line does not know its unit: "2,5 UN" is refused here, never rounded
    else if (isWholeUnit(p.unit) && !Number.isInteger(quantity))
      errors[`parts.${i}.quantity`] = translateValidationMessage(
        'validation.quantity_whole',
        currentLocale(),
      );
  });
  if (!values.userId)
    errors.userId = translateValidationMessage('validation.customer_required', currentLocale());
  return errors;
}

/**
 * The vehicle's readings as typed (issue 10): −5 km or 1234,56 h is refused on the field in the shop's
 * words, never turned into 5 or 1234,6 by the box (zod's own words would be English). numeric(12,1)
 * keeps one decimal, so a second is refused rather than rounded by the database. Checked when an
 * asset is picked, as toCandidate sends them only then; an empty box is no reading.
 */
export function repairNumberMessages(values: RepairValues): Record<string, NumberMessage> {
  if (values.assetId === null) return {};
  const messages: Record<string, NumberMessage> = {};
  const odometer = numberFieldMessage(values.odometerKm, ORDER_METER_READING);
  if (odometer) messages.odometerKm = odometer;
  const hourMeter = numberFieldMessage(values.hourMeter, ORDER_METER_READING);
  if (hourMeter) messages.hourMeter = hourMeter;
  return messages;
}

/** The order form's checks: the shared schema, then the form's own words for what is missing. */
export function validateRepair(values: RepairValues): FormErrors {
  const schemaErrors = withNumberRules(
    zodResolver(RepairCreateSchema, { prepare: toCandidate }),
    repairNumberMessages,
    (message) => i18n.t(message.key, message.values),
  )(values);
  return { ...schemaErrors, ...refineEmpties(values) };
}

export function createBody(values: RepairValues): RepairCreate {
  const parsed = parseWith(RepairCreateSchema, toCandidate(values));
  // the parsed dates are Date objects: the API takes ISO strings
  return {
    ...parsed,
    receivedAt: parsed.receivedAt.toISOString(),
    deadline: parsed.deadline ? parsed.deadline.toISOString() : null,
  };
}

/** The local preview of the totals (seed 004 rule 6), by the server's own rules (computeTotals). */
export function previewTotals(values: RepairValues) {
  // an amount or quantity the API would refuse adds nothing to the preview; the form flags it
  const cents = (value: number | string) => {
    const n = numberOr(value, 0) ?? 0;
    // a negative amount is refused on its field; the preview must not add it (−10 off made +10)
    return n >= 0 && hasAtMostTwoDecimals(n) ? toCents(n) : 0;
  };
  const milli = (value: number | string) => {
    const n = numberOr(value, 0) ?? 0;
    return Number.isFinite(n) && n >= 0 ? toMilli(n) : 0;
  };
  const parts = values.parts.map((p) => ({
    quantityMilli: milli(p.quantity),
    unitPriceCents: cents(p.unitValue),
    approval: null,
  }));
  const labor = [...values.appliances.map((a) => a.laborValue), ...values.services.map((s) => s.price)].map(
    (value) => ({ cents: cents(value), approval: null }),
  );
  const totals = computeTotals({ parts, labor, discountCents: cents(values.discount) });
  return {
    partLines: parts.map((p) => fromCents(partTotalCents(p.quantityMilli, p.unitPriceCents))),
    partsTotal: fromCents(totals.partsTotalCents),
    laborValue: fromCents(totals.laborCents),
    discount: fromCents(totals.discountCents),
    totalValue: fromCents(totals.totalCents),
    discountTooLarge: totals.discountCents > totals.subtotalCents,
  };
}

/** seed 004's 422 Insufficient Stock names the component and the quantities. */
export function shortageOf(error: unknown): Shortage | null {
  return error instanceof ApiError && error.status === 422 ? error.detailsAs(ShortageSchema) : null;
}

/** A v4 UUID; crypto.randomUUID exists only in secure contexts (a shop may serve plain http on its LAN). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
