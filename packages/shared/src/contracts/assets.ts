import { z } from 'zod';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { textParam } from '../text.js';
import { isValidVin, normalizePlate, normalizeVin } from '../vehicles.js';
import { emptyToNull } from './common.js';

export const ASSET_KINDS = ['vehicle', 'appliance', 'machine'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** seed 004's appliance types, verbatim */
export const APPLIANCE_TYPES = [
  'Geladeira',
  'Micro-ondas',
  'Cafeteira',
  'Liquidificador',
  'Ferro de Passar',
  'Ar Condicionado',
  'Máquina de Lavar',
  'Fogão',
  'Ventilador',
  'Outro',
] as const;
export const VOLTAGES = ['127 V', '220 V', 'Bivolt'] as const;
export const FUELS = ['gasoline', 'ethanol', 'flex', 'diesel', 'cng', 'electric', 'hybrid', 'other'] as const;
export const READING_KINDS = ['odometer', 'hour_meter'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

const text = (max: number) => z.string().trim().max(max).nullish();
const currentYear = new Date().getFullYear();

const PlateInputSchema = z
  .string()
  .trim()
  .max(12)
  .transform((v) => normalizePlate(v))
  .refine((v) => v.length >= 5, { message: 'validation.plate' });

const VinInputSchema = z
  .string()
  .trim()
  .max(24)
  .transform((v) => normalizeVin(v))
  .refine(isValidVin, { message: 'validation.vin' });

const assetFields = {
  kind: z.enum(ASSET_KINDS),
  brand: text(80),
  model: text(120),
  year: z
    .number()
    .int()
    .min(1900)
    .max(currentYear + 1)
    .nullish(),
  color: text(40),
  plate: emptyToNull(PlateInputSchema.nullish()),
  plateCountry: z.string().trim().length(2).default('BR'),
  vin: emptyToNull(VinInputSchema.nullish()),
  fuel: z.enum(FUELS).nullish(),
  type: z.enum(APPLIANCE_TYPES).nullish(),
  voltage: z.enum(VOLTAGES).nullish(),
  serial: text(80),
  description: text(200),
  notes: text(5000),
};

function kindRules<T extends z.ZodType<{ kind?: AssetKind; type?: string | null; plate?: string | null }>>(
  schema: T,
) {
  return schema.superRefine((asset, ctx) => {
    if (asset.kind === 'appliance' && asset.type == null) {
      ctx.addIssue({ code: 'custom', message: 'validation.required', path: ['type'] });
    }
  });
}

export const AssetCreateSchema = kindRules(
  z.object({
    ...assetFields,
    /** a first odometer (vehicle) or hour-meter (machine) reading */
    initialReading: z.number().min(0).max(99_999_999).nullish(),
  }),
);
export type AssetCreate = z.input<typeof AssetCreateSchema>;

export const AssetUpdateSchema = z.object(assetFields).omit({ kind: true }).partial();
export type AssetUpdate = z.input<typeof AssetUpdateSchema>;

export const ReadingSchema = z.object({
  id: z.uuid(),
  kind: z.enum(READING_KINDS),
  value: z.number(),
  readAt: z.string(),
  source: z.string(),
  correction: z.boolean(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type Reading = z.infer<typeof ReadingSchema>;
export const ReadingListSchema = z.array(ReadingSchema);
export type ReadingList = z.infer<typeof ReadingListSchema>;

/** The details of a reading lower than the previous one (422): both values. */
export const ReadingBelowPreviousDetailsSchema = z.object({ value: z.number(), previous: z.number() });
export type ReadingBelowPreviousDetails = z.infer<typeof ReadingBelowPreviousDetailsSchema>;

export const ReadingCreateSchema = z
  .object({
    value: z.number().min(0).max(99_999_999),
    readAt: z.iso.datetime({ offset: true }).optional(),
    /** a value lower than the last one needs correction: true and a reason (audited) */
    correction: z.boolean().default(false),
    reason: z.string().trim().max(500).nullish(),
  })
  .refine((r) => !r.correction || (r.reason && r.reason.length >= 3), {
    message: 'validation.reason_required',
    path: ['reason'],
  });
export type ReadingCreate = z.input<typeof ReadingCreateSchema>;

export const AssetSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    kind: z.enum(ASSET_KINDS),
    brand: z.string().nullable(),
    model: z.string().nullable(),
    year: z.number().int().nullable(),
    color: z.string().nullable(),
    plate: z.string().nullable(),
    /** Mercosul form of the plate: ABC1234 and ABC1C34 share it */
    plateCanonical: z.string().nullable(),
    plateCountry: z.string(),
    vin: z.string().nullable(),
    fuel: z.enum(FUELS).nullable(),
    type: z.enum(APPLIANCE_TYPES).nullable(),
    voltage: z.enum(VOLTAGES).nullable(),
    serial: z.string().nullable(),
    description: z.string().nullable(),
    notes: z.string().nullable(),
    odometer: z.number().nullable(),
    hourMeter: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Asset' });
export type Asset = z.infer<typeof AssetSchema>;

export const AssetListQuerySchema = PaginationQuerySchema.extend({
  kind: z.enum(ASSET_KINDS).optional(),
});
export type AssetListQuery = z.input<typeof AssetListQuerySchema>;
export const AssetPageSchema = pageOf(AssetSchema);
export type AssetPage = z.infer<typeof AssetPageSchema>;

export const AssetTransferSchema = z.object({
  customerId: z.uuid(),
  reason: z.string().trim().max(500).nullish(),
});
export type AssetTransfer = z.input<typeof AssetTransferSchema>;

export const HISTORY_ENTRY_TYPES = [
  'repair',
  'reading',
  'transfer',
  'note',
  'asset_created',
  'maintenance_plan',
  'maintenance_reminder',
] as const;

export const HistoryEntrySchema = z.object({
  type: z.enum(HISTORY_ENTRY_TYPES),
  at: z.string(),
  assetId: z.uuid().nullable(),
  assetLabel: z.string().nullable(),
  /** for repairs: the order */
  repair: z
    .object({
      id: z.uuid(),
      number: z.number().int(),
      serviceType: z.string().nullable(),
      status: z.string(),
      total: z.number(),
      /** API paths of the order's PDFs; the service report only once the order is finished or delivered */
      documents: z.object({ intake: z.string(), report: z.string().nullable() }).nullish(),
    })
    .nullable(),
  /** for readings, transfers, notes and maintenance: a short description */
  summary: z.string().nullable(),
  value: z.number().nullable(),
  /** for a maintenance plan created or a reminder sent (issue 14 §4): the plan, and the due date announced */
  maintenance: z.object({ planId: z.uuid(), planName: z.string(), dueAt: z.string().nullable() }).nullish(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ServiceFrequencySchema = z.object({
  totalOrders: z.number().int(),
  ordersLast12Months: z.number().int(),
  firstVisitAt: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  /** mean days between visits, null with fewer than two */
  averageDaysBetweenVisits: z.number().nullable(),
  /** orders per month over the last 12 months, oldest first: { month: 'YYYY-MM', orders } */
  byMonth: z.array(z.object({ month: z.string(), orders: z.number().int() })),
});
export type ServiceFrequency = z.infer<typeof ServiceFrequencySchema>;

export const HistorySchema = z
  .object({ items: z.array(HistoryEntrySchema), frequency: ServiceFrequencySchema })
  .meta({ id: 'History' });
export type History = z.infer<typeof HistorySchema>;

export const SearchQuerySchema = PaginationQuerySchema.extend({
  q: textParam(120).min(1, { message: 'validation.required' }),
});
export type SearchQuery = z.input<typeof SearchQuerySchema>;
export const SearchHitSchema = z.object({
  type: z.enum(['customer', 'asset']),
  /** for asset hits: vehicle, appliance or machine */
  assetKind: z.enum(ASSET_KINDS).nullable(),
  id: z.uuid(),
  customerId: z.uuid(),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** which field matched: name, document, phone, email, plate, serial, vin */
  matchedOn: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;
export const SearchResultSchema = pageOf(SearchHitSchema).meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResultSchema>;
