import {
  APPLIANCE_TYPES,
  AssetCreateSchema,
  CustomerCreateSchema,
  type ImportReport,
  type Locale,
} from '@bancada/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { type MessageKey, t } from '../../platform/i18n.js';
import { issuesToDetails } from '../../platform/validation.js';

type CustomerCreate = z.output<typeof CustomerCreateSchema>;
type AssetCreate = z.output<typeof AssetCreateSchema>;
type Issues = ImportReport['invalid'];

/** The spreadsheet layout for import and export: one row per asset (or per customer without one). */
export const CSV_COLUMNS = [
  'name',
  'kind',
  'document',
  'document_type',
  'email',
  'phone',
  'street',
  'number',
  'complement',
  'neighborhood',
  'city',
  'state',
  'postal_code',
  'notes',
  'asset_kind',
  'plate',
  'vin',
  'brand',
  'model',
  'year',
  'color',
  'type',
  'voltage',
  'serial',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Partial<Record<CsvColumn, string>>;

export const CUSTOMER_COLUMNS: CsvColumn[] = CSV_COLUMNS.slice(0, CSV_COLUMNS.indexOf('asset_kind'));
export const ASSET_COLUMNS: CsvColumn[] = CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('asset_kind'));

export type ParsedCsv = { header: string[]; rows: { line: number; values: CsvRow }[] };

/** Reads UTF-8 CSV (BOM or not) with `,` or `;`, whichever the header line uses more. */
export function parseCsv(text: string): ParsedCsv {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = count(';') > count(',') ? ';' : ',';
  let header: string[] = [];
  const records = parse(body, {
    delimiter,
    bom: true,
    columns: (names: string[]) => {
      header = names.map((n) => n.trim().toLowerCase());
      return header;
    },
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  return {
    header,
    rows: records.map(({ record, info }) => ({ line: info.lines, values: record as CsvRow })),
  };
}

export function toCsv(rows: CsvRow[]): string {
  return stringify(
    rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? '')),
    { header: true, columns: [...CSV_COLUMNS], bom: true },
  );
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** Spreadsheet spellings of the enumerations: "PJ" → company, "bivolt" → Bivolt, "geladeira" → Geladeira. */
export function customerKindOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = fold(value);
  if (['pf', 'pessoa', 'pessoa fisica', 'fisica', 'persona'].includes(v)) return 'person';
  if (['pj', 'empresa', 'pessoa juridica', 'juridica', 'company'].includes(v)) return 'company';
  return v;
}

export function voltageOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = fold(value).replace(/\s+/g, '');
  if (v.startsWith('127') || v === '110' || v === '110v') return '127 V';
  if (v.startsWith('220')) return '220 V';
  if (v === 'bivolt') return 'Bivolt';
  return value;
}

export function applianceTypeOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return APPLIANCE_TYPES.find((t) => fold(t) === fold(value)) ?? value;
}

const ADDRESS_COLUMNS: CsvColumn[] = CSV_COLUMNS.slice(
  CSV_COLUMNS.indexOf('street'),
  CSV_COLUMNS.indexOf('notes'),
);

/** Validates the customer columns of one CSV row; issues name the CSV column. */
function validateCustomer(values: CsvRow, line: number, locale: Locale) {
  const issues: Issues = [];
  const v = (c: CsvColumn) => (values[c] && values[c] !== '' ? values[c] : undefined);
  const customer = CustomerCreateSchema.safeParse({
    name: values.name ?? '',
    kind: customerKindOf(v('kind')),
    document: v('document'),
    documentType: v('document_type')?.toUpperCase(),
    email: v('email'),
    phone: v('phone'),
    notes: v('notes'),
    addresses: ADDRESS_COLUMNS.some((c) => v(c))
      ? [
          {
            street: v('street'),
            number: v('number'),
            complement: v('complement'),
            neighborhood: v('neighborhood'),
            city: v('city'),
            state: v('state'),
            postalCode: v('postal_code'),
          },
        ]
      : [],
  });
  if (customer.success) return { customer: customer.data, issues };
  const issuesFound = [...customer.error.issues];
  // the shared schema checks the document only once the other fields pass: check it on its own too
  if (v('document') && !issuesFound.some((i) => i.path[0] === 'document')) {
    const alone = CustomerCreateSchema.safeParse({
      name: 'x',
      kind: customerKindOf(v('kind')),
      document: v('document'),
      documentType: v('document_type')?.toUpperCase(),
    });
    if (!alone.success) issuesFound.push(...alone.error.issues.filter((i) => i.path[0] === 'document'));
  }
  for (const [path, reason] of Object.entries(issuesToDetails(issuesFound, locale))) {
    const field = path.startsWith('addresses.0.')
      ? path.slice(12).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
      : path === 'documentType'
        ? 'document_type'
        : path;
    issues.push({ line, field, reason });
  }
  return { customer: null, issues };
}

/** Validates the asset columns of one CSV row: none filled means no asset. */
function validateAsset(values: CsvRow, line: number, locale: Locale) {
  const issues: Issues = [];
  const v = (c: CsvColumn) => (values[c] && values[c] !== '' ? values[c] : undefined);
  if (!ASSET_COLUMNS.some((c) => v(c))) return { asset: null, issues };
  const year = v('year');
  if (year !== undefined && !/^\d{4}$/.test(year)) {
    issues.push({ line, field: 'year', reason: t(locale, 'customers.import_year') });
  }
  if (!v('asset_kind')) {
    issues.push({ line, field: 'asset_kind', reason: t(locale, 'customers.import_asset_kind') });
    return { asset: null, issues };
  }
  const parsed = AssetCreateSchema.safeParse({
    kind: v('asset_kind')?.toLowerCase(),
    plate: v('plate'),
    vin: v('vin'),
    brand: v('brand'),
    model: v('model'),
    year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
    color: v('color'),
    type: applianceTypeOf(v('type')),
    voltage: voltageOf(v('voltage')),
    serial: v('serial'),
  });
  if (parsed.success) return { asset: parsed.data, issues };
  for (const [path, reason] of Object.entries(issuesToDetails(parsed.error.issues, locale))) {
    issues.push({ line, field: path === 'kind' ? 'asset_kind' : path, reason });
  }
  return { asset: null, issues };
}

export type PlannedCustomer = { line: number; customer: CustomerCreate; assets: AssetCreate[] };

/**
 * Validates a whole file into the customers to create (each with its assets) and every issue found,
 * before anything is written. Duplicates against the database are the caller's to check.
 */
export function planImport(
  parsed: ParsedCsv,
  locale: Locale,
): { planned: PlannedCustomer[]; invalid: Issues } {
  const invalid: Issues = [];
  const issue = (
    line: number,
    field: string,
    key: MessageKey,
    params: Record<string, string | number> = {},
  ) => invalid.push({ line, field, reason: t(locale, key, params) });
  if (!parsed.header.includes('name'))
    issue(1, 'name', 'customers.import_missing_column', { column: 'name' });
  for (const column of parsed.header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      issue(1, column, 'customers.import_unknown_column', { column });
    }
  }
  if (parsed.rows.length === 0) issue(1, '_', 'customers.import_empty');

  const planned: PlannedCustomer[] = [];
  const documentLines = new Map<string, number>();
  let previousKey: string | null = null;
  for (const { line, values } of parsed.rows) {
    const { customer, issues: customerIssues } = validateCustomer(values, line, locale);
    const { asset, issues: assetIssues } = validateAsset(values, line, locale);
    const key = JSON.stringify(CUSTOMER_COLUMNS.map((c) => values[c] ?? ''));
    const last = planned.at(-1);
    // a row repeating the previous row's customer columns adds another asset to that customer
    const continuation = previousKey === key && asset !== null && last !== undefined;
    previousKey = key;
    const issues = [...customerIssues, ...assetIssues];
    if (issues.length > 0 || !customer) {
      invalid.push(...issues);
      continue;
    }
    if (continuation) {
      last.assets.push(asset);
      continue;
    }
    if (customer.document) {
      const seen = documentLines.get(customer.document);
      if (seen !== undefined) {
        issue(line, 'document', 'customers.import_duplicate_in_file', { line: seen });
        continue;
      }
      documentLines.set(customer.document, line);
    }
    planned.push({ line, customer, assets: asset ? [asset] : [] });
  }
  return { planned, invalid };
}
