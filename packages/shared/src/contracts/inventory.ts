import { z } from 'zod';
import { DOCUMENT_TYPES, type DocumentType, normalizeDocument } from '../documents.js';
import { MoneySchema } from '../money.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { textParam } from '../text.js';
import { emptyToNull } from './common.js';
import { PhoneInputSchema } from './customers.js';

export const UNITS = ['UN', 'L', 'KG', 'M', 'CX', 'PC', 'PAR', 'JG', 'KIT'] as const;
export type Unit = (typeof UNITS)[number];
/** Units counted in whole pieces (ARCHITECTURE §4: UN quantities are whole numbers). */
export const WHOLE_UNITS: readonly Unit[] = ['UN', 'CX', 'PC', 'PAR', 'JG', 'KIT'];

export function isWholeUnit(unit: string): boolean {
  return (WHOLE_UNITS as readonly string[]).includes(unit);
}

/** Quantities are numeric(12,3): at most 3 decimals. */
export function hasAtMostThreeDecimals(value: number): boolean {
  return Number.isFinite(value) && Number(value.toFixed(3)) === value;
}

/** A quantity as the API speaks it: finite, at most 3 decimals, below numeric(12,3)'s limit. */
export const QuantitySchema = z
  .number()
  .refine(Number.isFinite, { message: 'validation.quantity_finite' })
  .refine(hasAtMostThreeDecimals, { message: 'validation.quantity_decimals' })
  .refine((v) => Math.abs(v) < 1_000_000_000, { message: 'validation.quantity_too_large' });
export type Quantity = z.infer<typeof QuantitySchema>;
export const PositiveQuantitySchema = QuantitySchema.refine((v) => v > 0, {
  message: 'validation.quantity_positive',
});
export type PositiveQuantity = z.infer<typeof PositiveQuantitySchema>;
export const NonNegativeQuantitySchema = QuantitySchema.refine((v) => v >= 0, {
  message: 'validation.quantity_negative',
});
export type NonNegativeQuantity = z.infer<typeof NonNegativeQuantitySchema>;

/** A caller-chosen component id (seed 004 uses `comp-001`). */
export const ComponentIdSchema = z
  .string()
  .trim()
  .max(64, { message: 'validation.component_id' })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'validation.component_id' });
export type ComponentId = z.infer<typeof ComponentIdSchema>;
export const ComponentIdParamSchema = z.object({ id: ComponentIdSchema });
export type ComponentIdParam = z.infer<typeof ComponentIdParamSchema>;

export const ComponentSchema = z
  .object({
    /** the caller's text id (`comp-001`) or a generated uuid */
    id: z.string(),
    name: z.string(),
    code: z.string(),
    description: z.string(),
    /** sale price, decimal with 2 places */
    price: z.number(),
    /** available quantity */
    stock: z.number(),
    category: z.string().nullable(),
    /** the supplier's name (seed 004 shape) */
    supplier: z.string().nullable(),
    supplierId: z.uuid().nullable(),
    cost: z.number(),
    unit: z.enum(UNITS),
    minStock: z.number(),
    location: z.string().nullable(),
    barcode: z.string().nullable(),
    active: z.boolean(),
    /** reserved for open service orders (not available) */
    reserved: z.number(),
    belowMinimum: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Component' });
export type Component = z.infer<typeof ComponentSchema>;

const componentFields = {
  name: z.string().trim().min(1, { message: 'validation.required' }).max(160),
  code: z.string().trim().min(1, { message: 'validation.required' }).max(60),
  description: z.string().trim().max(2000),
  price: MoneySchema,
  category: emptyToNull(z.string().trim().max(80).nullish()),
  /** a supplier's name (free text, seed 004); supplierId links a registered supplier */
  supplier: emptyToNull(z.string().trim().max(160).nullish()),
  supplierId: emptyToNull(z.uuid().nullish()),
  cost: MoneySchema,
  unit: z.enum(UNITS),
  minStock: NonNegativeQuantitySchema,
  location: emptyToNull(z.string().trim().max(80).nullish()),
  barcode: emptyToNull(z.string().trim().max(64).nullish()),
  active: z.boolean(),
};

function wholeUnitRule(
  value: { unit?: string | undefined; stock?: number | undefined; minStock?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if (!value.unit || !isWholeUnit(value.unit)) return;
  for (const key of ['stock', 'minStock'] as const) {
    const v = value[key];
    if (v !== undefined && !Number.isInteger(v)) {
      ctx.addIssue({ code: 'custom', message: 'validation.quantity_whole', path: [key] });
    }
  }
}

export const ComponentCreateSchema = z
  .object({
    id: ComponentIdSchema.optional(),
    ...componentFields,
    description: componentFields.description.default(''),
    price: componentFields.price.default(0),
    cost: componentFields.cost.default(0),
    unit: componentFields.unit.default('UN'),
    minStock: componentFields.minStock.default(0),
    active: componentFields.active.default(true),
    /** initial stock, recorded as an IN movement */
    stock: NonNegativeQuantitySchema.default(0),
  })
  .superRefine(wholeUnitRule);
export type ComponentCreate = z.input<typeof ComponentCreateSchema>;

/** No stock and no id: stock changes only through movements. */
export const ComponentUpdateSchema = z.object(componentFields).partial().superRefine(wholeUnitRule);
export type ComponentUpdate = z.input<typeof ComponentUpdateSchema>;

/** A query-string flag: 'true'/'false' from a URL, or a boolean when called in code */
const booleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true')
  .optional();

export const ComponentListQuerySchema = PaginationQuerySchema.extend({
  /** seed 004's front end loads every component */
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
  /** over name, code and description */
  q: textParam(120).optional(),
  category: textParam(80).optional(),
  supplierId: z.uuid().optional(),
  belowMinimum: booleanQuery,
  active: booleanQuery,
});
export type ComponentListQuery = z.input<typeof ComponentListQuerySchema>;
export const ComponentPageSchema = pageOf(ComponentSchema);
export type ComponentPage = z.infer<typeof ComponentPageSchema>;

export const MOVEMENT_TYPES = ['IN', 'ADJUST', 'RESERVE', 'RELEASE', 'CONSUME'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

export const StockMovementSchema = z
  .object({
    id: z.uuid(),
    componentId: z.string(),
    type: z.enum(MOVEMENT_TYPES),
    /** signed effect on available stock for IN/ADJUST; the moved amount (positive) otherwise */
    quantity: z.number(),
    /** available stock after the movement */
    stockAfter: z.number(),
    reservedAfter: z.number(),
    reason: z.string().nullable(),
    documentType: z.string().nullable(),
    documentId: z.string().nullable(),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'StockMovement' });
export type StockMovement = z.infer<typeof StockMovementSchema>;
export const StockMovementPageSchema = pageOf(StockMovementSchema);
export type StockMovementPage = z.infer<typeof StockMovementPageSchema>;

/**
 * A stock adjustment: a signed `delta` (never 0) with a reason. A stock count is a delta too:
 * the client sends counted - current.
 */
export const StockAdjustmentSchema = z.object({
  delta: QuantitySchema.refine((v) => v !== 0, { message: 'validation.quantity_nonzero' }),
  reason: z.string().trim().min(3, { message: 'validation.reason_required' }).max(500),
});
export type StockAdjustment = z.input<typeof StockAdjustmentSchema>;

/** seed 004's 422 Insufficient Stock details */
export const ShortageSchema = z.object({
  componentId: z.string(),
  requested: z.number(),
  available: z.number(),
});
export type Shortage = z.infer<typeof ShortageSchema>;

export const StockLineSchema = z.object({ componentId: z.string(), quantity: PositiveQuantitySchema });
export type StockLine = z.input<typeof StockLineSchema>;

export const CategoryListSchema = z.object({ items: z.array(z.string()) });
export type CategoryList = z.infer<typeof CategoryListSchema>;

export const SupplierContactSchema = z.object({
  name: z.string().trim().min(1, { message: 'validation.required' }).max(120),
  role: z.string().trim().max(80).default(''),
  email: emptyToNull(
    z
      .email({ message: 'validation.email' })
      .max(254)
      .transform((e) => e.toLowerCase())
      .nullish(),
  ),
  phone: emptyToNull(PhoneInputSchema.nullish()),
});
export type SupplierContact = z.input<typeof SupplierContactSchema>;
export const SupplierContactOutputSchema = z.object({
  name: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type SupplierContactOutput = z.infer<typeof SupplierContactOutputSchema>;

export const SupplierComponentInputSchema = z.object({
  componentId: ComponentIdSchema,
  cost: MoneySchema,
  supplierCode: emptyToNull(z.string().trim().max(60).nullish()),
});
export type SupplierComponentInput = z.input<typeof SupplierComponentInputSchema>;
export const SupplierComponentSchema = z.object({
  componentId: z.string(),
  name: z.string(),
  code: z.string(),
  cost: z.number(),
  supplierCode: z.string().nullable(),
});
export type SupplierComponent = z.infer<typeof SupplierComponentSchema>;

const supplierFields = {
  name: z.string().trim().min(1, { message: 'validation.required' }).max(160),
  /** CNPJ (numeric or alphanumeric) or a foreign tax id */
  document: emptyToNull(z.string().trim().max(30).nullish()),
  documentType: z.enum(DOCUMENT_TYPES).nullish(),
  contacts: z.array(SupplierContactSchema).max(20),
  email: emptyToNull(
    z
      .email({ message: 'validation.email' })
      .max(254)
      .transform((e) => e.toLowerCase())
      .nullish(),
  ),
  phone: emptyToNull(PhoneInputSchema.nullish()),
  leadTimeDays: z.number().int().min(0).max(365).nullish(),
  notes: z.string().trim().max(5000).nullish(),
  active: z.boolean(),
  components: z.array(SupplierComponentInputSchema).max(1000),
};

type SupplierDocumentCarrier = {
  document?: string | null | undefined;
  documentType?: DocumentType | null | undefined;
};

function withSupplierDocument<T extends z.ZodType<SupplierDocumentCarrier>>(schema: T) {
  return schema.transform((data, ctx) => {
    if (!data.document) return { ...data, document: data.document === undefined ? undefined : null };
    const type: DocumentType = data.documentType ?? 'CNPJ';
    const normalized = normalizeDocument(type, data.document);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message: `validation.document_${type.toLowerCase()}`,
        path: ['document'],
      });
      return z.NEVER;
    }
    return { ...data, document: normalized, documentType: type };
  });
}

export const SupplierCreateSchema = withSupplierDocument(
  z.object({
    ...supplierFields,
    contacts: supplierFields.contacts.default([]),
    active: supplierFields.active.default(true),
    components: supplierFields.components.default([]),
  }),
);
export type SupplierCreate = z.input<typeof SupplierCreateSchema>;
export const SupplierUpdateSchema = withSupplierDocument(z.object(supplierFields).partial());
export type SupplierUpdate = z.input<typeof SupplierUpdateSchema>;

export const SupplierSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    document: z.string().nullable(),
    documentType: z.enum(DOCUMENT_TYPES).nullable(),
    documentFormatted: z.string().nullable(),
    contacts: z.array(SupplierContactOutputSchema),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    leadTimeDays: z.number().int().nullable(),
    notes: z.string().nullable(),
    active: z.boolean(),
    components: z.array(SupplierComponentSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Supplier' });
export type Supplier = z.infer<typeof SupplierSchema>;

export const SupplierListQuerySchema = PaginationQuerySchema.extend({
  q: textParam(120).optional(),
  active: booleanQuery,
});
export type SupplierListQuery = z.input<typeof SupplierListQuerySchema>;
export const SupplierPageSchema = pageOf(SupplierSchema);
export type SupplierPage = z.infer<typeof SupplierPageSchema>;

export const PO_STATUSES = ['draft', 'sent', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PO_STATUSES)[number];

export const PurchaseOrderLineSchema = z.object({
  id: z.uuid(),
  componentId: z.string(),
  componentName: z.string(),
  code: z.string(),
  unit: z.enum(UNITS),
  quantity: z.number(),
  received: z.number(),
  unitCost: z.number(),
  total: z.number(),
  /** the service order waiting for this part */
  repairId: z.uuid().nullable(),
});
export type PurchaseOrderLine = z.infer<typeof PurchaseOrderLineSchema>;

export const PurchaseOrderSchema = z
  .object({
    id: z.uuid(),
    /** per-organization sequence */
    number: z.number().int(),
    supplierId: z.uuid(),
    supplierName: z.string(),
    status: z.enum(PO_STATUSES),
    expectedAt: z.string().nullable(),
    /** expected date passed and not fully received */
    late: z.boolean(),
    notes: z.string().nullable(),
    lines: z.array(PurchaseOrderLineSchema),
    total: z.number(),
    sentAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'PurchaseOrder' });
export type PurchaseOrder = z.infer<typeof PurchaseOrderSchema>;

export const PurchaseOrderLineInputSchema = z.object({
  componentId: ComponentIdSchema,
  quantity: PositiveQuantitySchema,
  /** defaults to the supplier's cost for the component, else the component's cost */
  unitCost: MoneySchema.optional(),
  repairId: z.uuid().nullish(),
});
export type PurchaseOrderLineInput = z.input<typeof PurchaseOrderLineInputSchema>;

export const PurchaseOrderCreateSchema = z.object({
  supplierId: z.uuid(),
  expectedAt: z.iso.date().nullish(),
  notes: z.string().trim().max(5000).nullish(),
  lines: z.array(PurchaseOrderLineInputSchema).min(1, { message: 'validation.lines_required' }).max(500),
});
export type PurchaseOrderCreate = z.input<typeof PurchaseOrderCreateSchema>;

/** Drafts only; `lines`, when given, replaces every line. */
export const PurchaseOrderUpdateSchema = PurchaseOrderCreateSchema.partial();
export type PurchaseOrderUpdate = z.input<typeof PurchaseOrderUpdateSchema>;

export const PurchaseOrderListQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(PO_STATUSES).optional(),
  supplierId: z.uuid().optional(),
  late: booleanQuery,
});
export type PurchaseOrderListQuery = z.input<typeof PurchaseOrderListQuerySchema>;
export const PurchaseOrderPageSchema = pageOf(PurchaseOrderSchema);
export type PurchaseOrderPage = z.infer<typeof PurchaseOrderPageSchema>;

export const ReceiptSchema = z.object({
  lines: z
    .array(z.object({ lineId: z.uuid(), quantity: PositiveQuantitySchema }))
    .min(1, { message: 'validation.lines_required' })
    .max(500),
  note: z.string().trim().max(500).nullish(),
});
export type Receipt = z.input<typeof ReceiptSchema>;

/** The details of a receipt refused (422 over-receipt): the line and how much it may still take. */
export const ReceiptRefusedDetailsSchema = z.object({
  lineId: z.string().optional(),
  componentId: z.string().optional(),
  remaining: z.number().optional(),
});
export type ReceiptRefusedDetails = z.infer<typeof ReceiptRefusedDetailsSchema>;

export const ReorderSuggestionSchema = z.object({
  supplierId: z.uuid().nullable(),
  supplierName: z.string(),
  lines: z.array(
    z.object({
      componentId: z.string(),
      name: z.string(),
      code: z.string(),
      unit: z.enum(UNITS),
      stock: z.number(),
      minStock: z.number(),
      /** max(minStock*2 - stock - onOrder, minStock - stock) */
      suggestedQuantity: z.number(),
      unitCost: z.number(),
    }),
  ),
});
export type ReorderSuggestion = z.infer<typeof ReorderSuggestionSchema>;
export const ReorderSuggestionListSchema = z.object({ items: z.array(ReorderSuggestionSchema) });
export type ReorderSuggestionList = z.infer<typeof ReorderSuggestionListSchema>;

export const FromSuggestionsSchema = z.object({ supplierId: z.uuid() });
export type FromSuggestions = z.input<typeof FromSuggestionsSchema>;

export const TOOL_STATUSES = ['available', 'in_use', 'maintenance', 'retired'] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];

export const ToolCheckoutInfoSchema = z.object({
  technicianId: z.uuid().nullable(),
  technicianName: z.string().nullable(),
  repairId: z.uuid().nullable(),
  at: z.string(),
  note: z.string().nullable(),
});
export type ToolCheckoutInfo = z.infer<typeof ToolCheckoutInfoSchema>;

export const ToolSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    status: z.enum(TOOL_STATUSES),
    location: z.string().nullable(),
    notes: z.string().nullable(),
    checkout: ToolCheckoutInfoSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Tool' });
export type Tool = z.infer<typeof ToolSchema>;

const toolFields = {
  code: z.string().trim().min(1, { message: 'validation.required' }).max(60),
  name: z.string().trim().min(1, { message: 'validation.required' }).max(160),
  category: emptyToNull(z.string().trim().max(80).nullish()),
  location: emptyToNull(z.string().trim().max(80).nullish()),
  notes: z.string().trim().max(5000).nullish(),
};
export const ToolCreateSchema = z.object(toolFields);
export type ToolCreate = z.input<typeof ToolCreateSchema>;
/** status moves between available, maintenance and retired here; in_use only through checkout */
export const ToolUpdateSchema = z
  .object({ ...toolFields, status: z.enum(['available', 'maintenance', 'retired']) })
  .partial();
export type ToolUpdate = z.input<typeof ToolUpdateSchema>;

export const ToolListQuerySchema = PaginationQuerySchema.extend({
  q: textParam(120).optional(),
  status: z.enum(TOOL_STATUSES).optional(),
  category: textParam(80).optional(),
  /** the tools checked out to this service order (reserved for it) */
  repairId: z.uuid().optional(),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});
export type ToolListQuery = z.input<typeof ToolListQuerySchema>;
export const ToolPageSchema = pageOf(ToolSchema);
export type ToolPage = z.infer<typeof ToolPageSchema>;

export const ToolCheckoutSchema = z
  .object({
    technicianId: z.uuid().nullish(),
    repairId: z.uuid().nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .refine((v) => v.technicianId != null || v.repairId != null, {
    message: 'validation.checkout_target',
    path: ['technicianId'],
  });
export type ToolCheckout = z.input<typeof ToolCheckoutSchema>;

export const ToolCheckinSchema = z.object({
  note: z.string().trim().max(500).nullish(),
  /** send the tool to maintenance instead of back to available */
  toMaintenance: z.boolean().default(false),
});
export type ToolCheckin = z.input<typeof ToolCheckinSchema>;

export const TOOL_EVENT_TYPES = ['created', 'checkout', 'checkin', 'status'] as const;
export const ToolEventSchema = z
  .object({
    id: z.uuid(),
    toolId: z.uuid(),
    type: z.enum(TOOL_EVENT_TYPES),
    fromStatus: z.enum(TOOL_STATUSES).nullable(),
    toStatus: z.enum(TOOL_STATUSES),
    technicianId: z.uuid().nullable(),
    technicianName: z.string().nullable(),
    repairId: z.uuid().nullable(),
    note: z.string().nullable(),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ToolEvent' });
export type ToolEvent = z.infer<typeof ToolEventSchema>;
export const ToolEventListSchema = z.object({ items: z.array(ToolEventSchema) });
export type ToolEventList = z.infer<typeof ToolEventListSchema>;
