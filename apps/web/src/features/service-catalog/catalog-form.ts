import {
  DEFAULT_WARRANTY_DAYS,
  type ServiceCatalogCreate,
  ServiceCatalogCreateSchema,
  type ServiceCatalogItem,
  type ServiceCatalogUpdate,
  ServiceCatalogUpdateSchema,
} from '@bancada/shared';
import { parseWith } from '../../app/form';
import {
  missingNumberMessage,
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  readNumberBox,
  WARRANTY_DAYS,
} from '../../app/number-rules';

export interface CatalogValues {
  code: string;
  name: string;
  description: string;
  category: string;
  specialty: string;
  standardHours: NumberBoxValue;
  price: NumberBoxValue;
  warrantyDays: NumberBoxValue;
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
const toNumber = (value: NumberBoxValue) => readNumberBox(value) ?? Number.NaN;

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

/**
 * The boxes' numbers as typed, said in the shop's words (issue 10; zod's own would be English): the
 * warranty's days, where −30 or 30,5 days is refused on the field, never turned into 30 by the box, and
 * the hours and price left empty or holding no number. A negative or a third decimal of those is the
 * schema's to refuse, in its translated words.
 */
export function catalogNumberMessages(values: CatalogValues): Record<string, NumberMessage> {
  const messages: Record<string, NumberMessage> = {};
  const check = (path: string, message: NumberMessage | null) => {
    if (message) messages[path] = message;
  };
  check('standardHours', missingNumberMessage(values.standardHours));
  check('price', missingNumberMessage(values.price));
  check('warrantyDays', numberFieldMessage(values.warrantyDays, WARRANTY_DAYS, { required: true }));
  return messages;
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
