import {
  DEFAULT_WARRANTY_DAYS,
  type ServiceCatalogCreate,
  ServiceCatalogCreateSchema,
  type ServiceCatalogItem,
  type ServiceCatalogUpdate,
  ServiceCatalogUpdateSchema,
} from '@bancada/shared';
import { parseWith } from '../../app/form';

export interface CatalogValues {
  code: string;
  name: string;
  description: string;
  category: string;
  specialty: string;
  standardHours: number | string;
  price: number | string;
  warrantyDays: number | string;
  active: boolean;
}

export function emptyCatalogItem(): CatalogValues {
  return {
    code: '',
    name: '',
    description: '',
    category: '',
    specialty: '',
    standardHours: 1,
    price: 0,
    warrantyDays: DEFAULT_WARRANTY_DAYS,
    active: true,
  };
}

export function toCatalogValues(item: ServiceCatalogItem): CatalogValues {
  return {
    code: item.code,
    name: item.name,
    description: item.description,
    category: item.category ?? '',
    specialty: item.specialty ?? '',
    standardHours: item.standardHours,
    price: item.price,
    warrantyDays: item.warrantyDays,
    active: item.active,
  };
}

/**
 * An empty number box is NaN: hours, price and warranty are always stated. "25.50" is what Mantine
 * holds for "25,50" while the box has focus.
 */
const toNumber = (value: number | string) =>
  typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);

export function toCatalogCandidate(values: CatalogValues) {
  return {
    code: values.code,
    name: values.name,
    description: values.description,
    category: values.category,
    specialty: values.specialty,
    standardHours: toNumber(values.standardHours),
    price: toNumber(values.price),
    warrantyDays: toNumber(values.warrantyDays),
    active: values.active,
  };
}

export function catalogCreateBody(values: CatalogValues): ServiceCatalogCreate {
  return parseWith(ServiceCatalogCreateSchema, toCatalogCandidate(values));
}

/** Only what changed goes in the PATCH, so a concurrent edit of another field is not undone. */
export function catalogUpdateBody(initial: CatalogValues, values: CatalogValues): ServiceCatalogUpdate {
  const before = parseWith(ServiceCatalogUpdateSchema, toCatalogCandidate(initial));
  const after = parseWith(ServiceCatalogUpdateSchema, toCatalogCandidate(values));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as ServiceCatalogUpdate;
}
