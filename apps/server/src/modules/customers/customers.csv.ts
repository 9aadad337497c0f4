import { APPLIANCE_TYPES } from '@bancada/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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
