import type { APPLIANCE_TYPES, Repair, RepairPriority, RepairUpdate, ServiceType } from '@bancada/shared';
import { VOLTAGES } from '@bancada/shared';
import {
  missingNumberMessage,
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  readNumberBox,
  WARRANTY_DAYS,
} from '../../app/number-rules';
import { deadlineDay, deadlineInstant } from './repair-dates';

/** The edit drawer's values and the PATCH body made of them (pure: no React, no API). */

export type ApplianceType = (typeof APPLIANCE_TYPES)[number];
export type Voltage = (typeof VOLTAGES)[number];

export interface ApplianceEditValues {
  /** a form-only key for React (new lines have no id yet) */
  key: string;
  id?: string;
  type: ApplianceType | null;
  brand: string;
  model: string;
  voltage: Voltage | null;
  serial: string;
  customerNote: string;
  laborValue: number | string;
  estimatedHours: number | string;
  warrantyDays: NumberBoxValue;
}

export interface ServiceEditValues {
  key: string;
  id?: string;
  catalogId: string | null;
  technicianId: string | null;
  description: string;
  hours: number | string;
  price: number | string;
  warrantyDays: NumberBoxValue;
}

export interface PartEditValues {
  componentId: string;
  name: string;
  code: string;
  unit: string;
  quantity: number | string;
  /** absent on a new line: the component's own warranty applies */
  warrantyDays?: number;
}

export interface RepairEditValues {
  serviceDescription: string;
  notes: string;
  condition: string;
  accessories: string[];
  priority: RepairPriority;
  serviceType: ServiceType;
  /** the shop's time zone: the deadline is a day on its calendar */
  timeZone: string | undefined;
  /** YYYY-MM-DD, as the date input keeps it */
  deadline: string | null;
  discount: number | string;
  nf: string;
  returnGuarantee: boolean;
  fabricGuarantee: boolean;
  appliances: ApplianceEditValues[];
  services: ServiceEditValues[];
  parts: PartEditValues[];
}

export const newKey = () => crypto.randomUUID();

export function emptyApplianceLine(): ApplianceEditValues {
  return {
    key: newKey(),
    type: null,
    brand: '',
    model: '',
    voltage: null,
    serial: '',
    customerNote: '',
    laborValue: 0,
    estimatedHours: '',
    warrantyDays: '',
  };
}

export function emptyServiceLine(): ServiceEditValues {
  return {
    key: newKey(),
    catalogId: null,
    technicianId: null,
    description: '',
    hours: 1,
    price: 0,
    warrantyDays: '',
  };
}

export function toEditValues(repair: Repair, timeZone?: string): RepairEditValues {
  return {
    serviceDescription: repair.serviceDescription,
    notes: repair.notes,
    condition: repair.condition,
    accessories: repair.accessories,
    priority: repair.priority,
    serviceType: repair.serviceType,
    timeZone,
    // the day it falls on in the shop, not the UTC date of the instant
    deadline: deadlineDay(repair.deadline, timeZone),
    discount: repair.discount,
    nf: repair.nf ?? '',
    returnGuarantee: repair.returnGuarantee,
    fabricGuarantee: repair.fabricGuarantee,
    appliances: repair.appliances.map((a) => ({
      key: a.id,
      id: a.id,
      type: a.type,
      brand: a.brand ?? '',
      model: a.model ?? '',
      voltage: (VOLTAGES as readonly string[]).includes(a.voltage ?? '') ? (a.voltage as Voltage) : null,
      serial: a.serial ?? '',
      customerNote: a.customerNote ?? '',
      laborValue: a.laborValue,
      estimatedHours: a.estimatedHours ?? '',
      warrantyDays: a.warrantyDays,
    })),
    services: repair.services.map((s) => ({
      key: s.id,
      id: s.id,
      catalogId: s.catalogId,
      technicianId: s.technicianId,
      description: s.description,
      hours: s.hours,
      price: s.price,
      warrantyDays: s.warrantyDays,
    })),
    parts: repair.parts.map((p) => ({
      componentId: p.componentId,
      name: p.name,
      code: p.code,
      unit: p.unit,
      quantity: p.quantity,
      warrantyDays: p.warrantyDays,
    })),
  };
}

// what the box holds, as typed (its text "25.50" while it has focus); an empty box is NaN
const num = (value: NumberBoxValue) => readNumberBox(value) ?? Number.NaN;
const numOrNull = readNumberBox;
const numOrUndefined = (value: NumberBoxValue) => readNumberBox(value) ?? undefined;

function appliancesBody(values: RepairEditValues) {
  return values.appliances.map((a) => ({
    ...(a.id ? { id: a.id } : {}),
    type: a.type,
    brand: a.brand.trim() || null,
    model: a.model.trim() || null,
    voltage: a.voltage,
    serial: a.serial.trim() || null,
    customerNote: a.customerNote.trim() || null,
    laborValue: num(a.laborValue),
    estimatedHours: numOrNull(a.estimatedHours),
    warrantyDays: numOrUndefined(a.warrantyDays),
  }));
}

function servicesBody(values: RepairEditValues) {
  return values.services.map((s) => ({
    ...(s.id ? { id: s.id } : {}),
    catalogId: s.catalogId,
    technicianId: s.technicianId,
    description: s.description.trim(),
    hours: num(s.hours),
    price: num(s.price),
    warrantyDays: numOrUndefined(s.warrantyDays),
  }));
}

function partsBody(values: RepairEditValues) {
  return values.parts.map((p) => ({
    componentId: p.componentId,
    quantity: num(p.quantity),
    ...(p.warrantyDays === undefined ? {} : { warrantyDays: p.warrantyDays }),
  }));
}

/** An empty box where a number is needed, or a box that holds no number ("-"): NaN, which zod refuses in English. */
/**
 * The boxes' numbers as typed, said in the shop's words (issue 10; zod's own would be English): the
 * lines' warranty days, where −30 or 30,5 days is refused on the field, never turned into 30 by the
 * box (empty is the default warranty), and the amounts, hours and quantities left empty. A negative
 * or a third decimal of those is the schema's to refuse, in its translated words.
 */
export function repairEditNumberMessages(values: RepairEditValues): Record<string, NumberMessage> {
  const messages: Record<string, NumberMessage> = {};
  const check = (path: string, message: NumberMessage | null) => {
    if (message) messages[path] = message;
  };
  const warranty = (value: NumberBoxValue) => numberFieldMessage(value, WARRANTY_DAYS);
  check('discount', missingNumberMessage(values.discount));
  values.appliances.forEach((a, index) => {
    check(`appliances.${index}.laborValue`, missingNumberMessage(a.laborValue));
    // optional: only a box that holds no number
    if (readNumberBox(a.estimatedHours) !== null)
      check(`appliances.${index}.estimatedHours`, missingNumberMessage(a.estimatedHours));
    check(`appliances.${index}.warrantyDays`, warranty(a.warrantyDays));
  });
  values.services.forEach((s, index) => {
    check(`services.${index}.hours`, missingNumberMessage(s.hours));
    check(`services.${index}.price`, missingNumberMessage(s.price));
    check(`services.${index}.warrantyDays`, warranty(s.warrantyDays));
  });
  values.parts.forEach((p, index) => {
    check(`parts.${index}.quantity`, missingNumberMessage(p.quantity));
  });
  return messages;
}

/** Everything the form holds, shaped as the PATCH body (for validation). */
export function toEditCandidate(values: RepairEditValues) {
  return {
    serviceDescription: values.serviceDescription,
    notes: values.notes,
    condition: values.condition,
    accessories: values.accessories,
    priority: values.priority,
    serviceType: values.serviceType,
    // 18:00 of that day in the shop, as the order form sends it (a bare date was midnight UTC:
    // 21:00 of the day before in São Paulo)
    deadline: deadlineInstant(values.deadline || null, values.timeZone),
    discount: num(values.discount),
    nf: values.nf.trim() || null,
    returnGuarantee: values.returnGuarantee,
    fabricGuarantee: values.fabricGuarantee,
    appliances: appliancesBody(values),
    services: servicesBody(values),
    parts: partsBody(values),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed; a line array is sent whole when any of its lines changed. */
export function toEditBody(initial: RepairEditValues, values: RepairEditValues): RepairUpdate {
  const before = toEditCandidate(initial);
  const after = toEditCandidate(values);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (!same(before[key], after[key])) body[key] = after[key];
  }
  return body as RepairUpdate;
}
