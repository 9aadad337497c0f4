import {
  type APPLIANCE_TYPES,
  type Asset,
  type AssetCreate,
  AssetCreateSchema,
  type AssetKind,
  type AssetUpdate,
  AssetUpdateSchema,
  type FUELS,
  type VOLTAGES,
} from '@bancada/shared';
import { parseWith } from '../../app/form';
import { maskPlate } from '../../app/masks';
import {
  assetYearRule,
  METER_READING,
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  readNumberBox,
} from '../../app/number-rules';

export type Fuel = (typeof FUELS)[number];
export type ApplianceType = (typeof APPLIANCE_TYPES)[number];
export type Voltage = (typeof VOLTAGES)[number];

export interface AssetValues {
  kind: AssetKind;
  brand: string;
  model: string;
  year: NumberBoxValue;
  color: string;
  plate: string;
  plateCountry: string;
  vin: string;
  fuel: Fuel | null;
  type: ApplianceType | null;
  voltage: Voltage | null;
  serial: string;
  description: string;
  notes: string;
  /** first odometer (vehicle) or hour-meter (machine) reading; only when creating */
  initialReading: NumberBoxValue;
}

export function emptyAsset(kind: AssetKind = 'vehicle'): AssetValues {
  return {
    kind,
    brand: '',
    model: '',
    year: '',
    color: '',
    plate: '',
    plateCountry: 'BR',
    vin: '',
    fuel: null,
    type: null,
    voltage: null,
    serial: '',
    description: '',
    notes: '',
    initialReading: '',
  };
}

export function toAssetValues(asset: Asset): AssetValues {
  return {
    kind: asset.kind,
    brand: asset.brand ?? '',
    model: asset.model ?? '',
    year: asset.year ?? '',
    color: asset.color ?? '',
    plate: asset.plate ? maskPlate(asset.plate, asset.plateCountry) : '',
    plateCountry: asset.plateCountry,
    vin: asset.vin ?? '',
    fuel: asset.fuel,
    type: asset.type,
    voltage: asset.voltage,
    serial: asset.serial ?? '',
    description: asset.description ?? '',
    notes: asset.notes ?? '',
    initialReading: '',
  };
}

const text = (value: string) => value.trim() || null;
const numberOrNull = readNumberBox;

/** Only the fields of the asset's kind, shaped as the shared schema reads them. */
export function toAssetCandidate(values: AssetValues) {
  const common = {
    kind: values.kind,
    brand: text(values.brand),
    model: text(values.model),
    description: text(values.description),
    notes: text(values.notes),
  };
  switch (values.kind) {
    case 'vehicle':
      return {
        ...common,
        year: numberOrNull(values.year),
        color: text(values.color),
        plate: values.plate,
        plateCountry: values.plateCountry,
        vin: values.vin,
        fuel: values.fuel,
        initialReading: numberOrNull(values.initialReading),
      };
    case 'appliance':
      return {
        ...common,
        // seed 004: an appliance always has a type (undefined is what the schema reports as missing)
        type: values.type ?? undefined,
        voltage: values.voltage,
        serial: text(values.serial),
      };
    case 'machine':
      return {
        ...common,
        year: numberOrNull(values.year),
        serial: text(values.serial),
        initialReading: numberOrNull(values.initialReading),
      };
  }
}

/**
 * The year and the first reading as typed: a negative, a fraction of a year, a year before 1900 or
 * after next year, or a reading's second decimal is refused on the field, never cut or turned
 * positive by the box (the server keeps one decimal). Appliances have neither.
 */
export function assetNumberMessages(
  values: AssetValues,
  now: Date = new Date(),
): Record<string, NumberMessage> {
  if (values.kind === 'appliance') return {};
  const messages: Record<string, NumberMessage> = {};
  const year = numberFieldMessage(values.year, assetYearRule(now));
  if (year) messages.year = year;
  const reading = numberFieldMessage(values.initialReading, METER_READING);
  if (reading) messages.initialReading = reading;
  return messages;
}

export function assetCreateBody(values: AssetValues): AssetCreate {
  return parseWith(AssetCreateSchema, toAssetCandidate(values));
}

/** The edit form validates what the PATCH would carry (no kind, no initial reading). */
export function toAssetUpdateCandidate(values: AssetValues) {
  const {
    kind: _kind,
    initialReading: _initialReading,
    ...fields
  } = toAssetCandidate(values) as Record<string, unknown>;
  return fields;
}

export function assetUpdateBody(initial: AssetValues, values: AssetValues): AssetUpdate {
  const before = toAssetUpdateCandidate(initial);
  const after = toAssetUpdateCandidate(values);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return parseWith(AssetUpdateSchema, changes);
}
