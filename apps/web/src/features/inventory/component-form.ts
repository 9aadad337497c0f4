import {
  type Component,
  type ComponentCreate,
  ComponentCreateSchema,
  type ComponentUpdate,
  ComponentUpdateSchema,
  type Unit,
} from '@bancada/shared';
import { parseWith } from '../../app/form';

export interface ComponentValues {
  /** optional caller-chosen id (seed 004's `comp-001`); only when creating */
  id: string;
  code: string;
  name: string;
  description: string;
  unit: Unit;
  price: number | string;
  cost: number | string;
  /** initial stock; only when creating */
  stock: number | string;
  minStock: number | string;
  location: string;
  barcode: string;
  category: string;
  supplierId: string | null;
}

export function emptyComponent(): ComponentValues {
  return {
    id: '',
    code: '',
    name: '',
    description: '',
    unit: 'UN',
    price: '',
    cost: '',
    stock: '',
    minStock: '',
    location: '',
    barcode: '',
    category: '',
    supplierId: null,
  };
}

export function toComponentValues(component: Component): ComponentValues {
  return {
    id: component.id,
    code: component.code,
    name: component.name,
    description: component.description,
    unit: component.unit,
    price: component.price,
    cost: component.cost,
    stock: component.stock,
    minStock: component.minStock,
    location: component.location ?? '',
    barcode: component.barcode ?? '',
    category: component.category ?? '',
    supplierId: component.supplierId,
  };
}

/** An empty number box is the schema's default (0); anything else must be a number. */
const numberOr = (value: number | string, fallback: number) =>
  typeof value === 'number' ? value : value.trim() === '' ? fallback : Number.NaN;

function common(values: ComponentValues) {
  return {
    code: values.code,
    name: values.name,
    description: values.description,
    unit: values.unit,
    price: numberOr(values.price, 0),
    cost: numberOr(values.cost, 0),
    minStock: numberOr(values.minStock, 0),
    location: values.location,
    barcode: values.barcode,
    category: values.category,
    supplierId: values.supplierId,
  };
}

export function toCreateCandidate(values: ComponentValues) {
  return {
    ...common(values),
    id: values.id.trim() || undefined,
    stock: numberOr(values.stock, 0),
  };
}

export function toUpdateCandidate(values: ComponentValues) {
  return common(values);
}

export function createBody(values: ComponentValues): ComponentCreate {
  return parseWith(ComponentCreateSchema, toCreateCandidate(values));
}

/** Only what changed goes in the PATCH, so a concurrent edit of another field is not undone. */
export function updateBody(initial: ComponentValues, values: ComponentValues): ComponentUpdate {
  const before = parseWith(ComponentUpdateSchema, toUpdateCandidate(initial));
  const after = parseWith(ComponentUpdateSchema, toUpdateCandidate(values));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  // the unit decides whether the minimum must be whole: they travel together
  if ('unit' in changes || 'minStock' in changes) {
    changes.unit = after.unit;
    changes.minStock = after.minStock;
  }
  return changes as ComponentUpdate;
}
